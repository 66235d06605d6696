"""Data shipped with DigitFace: the trained digit model and vendored MNIST."""
