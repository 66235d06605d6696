"""One lock for TensorFlow across the window's threads.

TensorFlow 2 can crash (a segmentation fault) when one thread traces a
``tf.function`` or builds a model while another thread runs one, which is what
happens when a model loads in the background while the canvas predicts. Every
thread that uses TensorFlow in the window's process holds this lock; the GUI
thread only ever *tries* it and retries a moment later, so it never freezes.
"""

from __future__ import annotations

import threading

TF_LOCK = threading.RLock()
