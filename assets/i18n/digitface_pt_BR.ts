<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name>CameraView</name>
    <message>
        <source>Choose a camera, a video file or an image folder, then press Start.</source>
        <translation>Escolha uma câmera, um arquivo de vídeo ou uma pasta de imagens e clique em Iniciar.</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconhecido</translation>
    </message>
</context>
<context>
    <name>CaptureThread</name>
    <message>
        <source>reading frames failed: {0}</source>
        <translation>a leitura dos quadros falhou: {0}</translation>
    </message>
</context>
<context>
    <name>DigitsTab</name>
    <message>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <source>Erase the drawing (Esc or Ctrl+L)</source>
        <translation>Apagar o desenho (Esc ou Ctrl+L)</translation>
    </message>
    <message>
        <source>Undo stroke</source>
        <translation>Desfazer traço</translation>
    </message>
    <message>
        <source>Remove the last stroke (Ctrl+Z)</source>
        <translation>Remover o último traço (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Loading model…</source>
        <translation>Carregando o modelo…</translation>
    </message>
    <message>
        <source>What the network sees:</source>
        <translation>O que a rede vê:</translation>
    </message>
    <message>
        <source>Probabilities (softmax):</source>
        <translation>Probabilidades (softmax):</translation>
    </message>
    <message>
        <source>Model ready: {0:.2f}% on the MNIST test set.</source>
        <translation>Modelo pronto: {0:.2f}% no conjunto de teste do MNIST.</translation>
    </message>
    <message>
        <source>Model ready.</source>
        <translation>Modelo pronto.</translation>
    </message>
    <message>
        <source>Trained with label smoothing {0:g}: {1:.0f}% is its most certain.</source>
        <translation>Treinado com suavização de rótulos {0:g}: {1:.0f}% é o máximo de certeza.</translation>
    </message>
    <message>
        <source>The digit model could not be loaded: {0}</source>
        <translation>Não foi possível carregar o modelo de dígitos: {0}</translation>
    </message>
    <message>
        <source>No digit yet: draw one on the left.</source>
        <translation>Nenhum dígito ainda: desenhe um à esquerda.</translation>
    </message>
    <message>
        <source>That doesn&apos;t look like a digit yet.</source>
        <translation>Isso ainda não parece um dígito.</translation>
    </message>
    <message>
        <source>It&apos;s a {0} ({1:.0f}% sure)</source>
        <translation>É um {0} ({1:.0f}% de certeza)</translation>
    </message>
    <message>
        <source>Not sure — maybe a {0} ({1:.0f}%)</source>
        <translation>Não tenho certeza — talvez um {0} ({1:.0f}%)</translation>
    </message>
</context>
<context>
    <name>DrawingCanvas</name>
    <message>
        <source>Draw one digit, 0 to 9, as big as you like</source>
        <translation>Desenhe um dígito, de 0 a 9, do tamanho que quiser</translation>
    </message>
    <message>
        <source>Draw a digit here</source>
        <translation>Desenhe um dígito aqui</translation>
    </message>
</context>
<context>
    <name>FacesTab</name>
    <message>
        <source>Look straight at the camera</source>
        <translation>Olhe direto para a câmera</translation>
    </message>
    <message>
        <source>Turn your head a little to the left</source>
        <translation>Vire a cabeça um pouco para a esquerda</translation>
    </message>
    <message>
        <source>Turn your head a little to the right</source>
        <translation>Vire a cabeça um pouco para a direita</translation>
    </message>
    <message>
        <source>Tilt your head up a little</source>
        <translation>Incline a cabeça um pouco para cima</translation>
    </message>
    <message>
        <source>Tilt your head down a little</source>
        <translation>Incline a cabeça um pouco para baixo</translation>
    </message>
    <message>
        <source>Smile!</source>
        <translation>Sorria!</translation>
    </message>
    <message>
        <source>Move a bit closer</source>
        <translation>Chegue um pouco mais perto</translation>
    </message>
    <message>
        <source>Move a bit further away</source>
        <translation>Afaste-se um pouco</translation>
    </message>
    <message>
        <source>A camera number (0 is the usual webcam), or a video file or image folder</source>
        <translation>O número de uma câmera (0 é a webcam de sempre), ou um arquivo de vídeo ou pasta de imagens</translation>
    </message>
    <message>
        <source>Video…</source>
        <translation>Vídeo…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Pasta…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Iniciar</translation>
    </message>
    <message>
        <source>No recogniser yet: add two people, or load a model.</source>
        <translation>Ainda não há reconhecedor: adicione duas pessoas ou carregue um modelo.</translation>
    </message>
    <message>
        <source>Load model…</source>
        <translation>Carregar modelo…</translation>
    </message>
    <message>
        <source>Add person…</source>
        <translation>Adicionar pessoa…</translation>
    </message>
    <message>
        <source>Name a person, then take a few photos from the camera; the model retrains</source>
        <translation>Dê um nome à pessoa e tire algumas fotos com a câmera; o modelo é retreinado</translation>
    </message>
    <message>
        <source>Classify image…</source>
        <translation>Classificar imagem…</translation>
    </message>
    <message>
        <source>Unknown threshold</source>
        <translation>Limiar de desconhecido</translation>
    </message>
    <message>
        <source>How far a face may be from a person&apos;s enrolled photos and still be named. Lower: stricter, more &apos;Unknown&apos;. Higher: looser, more mistakes.</source>
        <translation>Quão longe um rosto pode estar das fotos cadastradas de uma pessoa e ainda receber o nome dela. Menor: mais rigoroso, mais &apos;Desconhecido&apos;. Maior: mais permissivo, mais erros.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Tentar de novo</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Fonte:</translation>
    </message>
    <message>
        <source>Loading {0}…</source>
        <translation>Carregando {0}…</translation>
    </message>
    <message>
        <source>Recogniser: {0} classes ({1}); backbone {2}.</source>
        <translation>Reconhecedor: {0} classes ({1}); backbone {2}.</translation>
    </message>
    <message>
        <source>Validation accuracy {0:.0f}%.</source>
        <translation>Acurácia de validação {0:.0f}%.</translation>
    </message>
    <message>
        <source>The recogniser could not be loaded: {0}</source>
        <translation>Não foi possível carregar o reconhecedor: {0}</translation>
    </message>
    <message>
        <source>Unknown beyond distance {0:.2f}</source>
        <translation>Desconhecido além da distância {0:.2f}</translation>
    </message>
    <message>
        <source>Unknown below {0}% confidence</source>
        <translation>Desconhecido abaixo de {0}% de confiança</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>Abrindo {0}…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Parar</translation>
    </message>
    <message>
        <source>{0}. Check the source and press Retry.</source>
        <translation>{0}. Verifique a fonte e clique em Tentar de novo.</translation>
    </message>
    <message>
        <source>The video ended. Press Retry to play it again.</source>
        <translation>O vídeo terminou. Clique em Tentar de novo para reproduzi-lo outra vez.</translation>
    </message>
    <message>
        <source>The video ended.</source>
        <translation>O vídeo terminou.</translation>
    </message>
    <message>
        <source>Load or train a recogniser first.</source>
        <translation>Carregue ou treine um reconhecedor primeiro.</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconhecido</translation>
    </message>
    <message>
        <source>Classifying {0}…</source>
        <translation>Classificando {0}…</translation>
    </message>
    <message>
        <source>Could not classify {0}: {1}</source>
        <translation>Não foi possível classificar {0}: {1}</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>Adicionar pessoa</translation>
    </message>
    <message>
        <source>Name of the person (or pet):</source>
        <translation>Nome da pessoa (ou do bicho):</translation>
    </message>
    <message>
        <source>Please use a name without / \ : * ? &quot; &lt; &gt; |.</source>
        <translation>Use um nome sem / \ : * ? &quot; &lt; &gt; |.</translation>
    </message>
    <message>
        <source>Add {0}: {1}</source>
        <translation>Adicionar {0}: {1}</translation>
    </message>
    <message>
        <source>Add {0}: no face in view — {1}</source>
        <translation>Adicionar {0}: nenhum rosto à vista — {1}</translation>
    </message>
    <message>
        <source>Photo {0}/{1} of {2} saved. {3}</source>
        <translation>Foto {0}/{1} de {2} salva. {3}</translation>
    </message>
    <message>
        <source>Saved {0} photos of {1}. Add one more person to train.</source>
        <translation>{0} fotos de {1} salvas. Adicione mais uma pessoa para treinar.</translation>
    </message>
    <message>
        <source>Saved {0} photos of {1}. Retraining…</source>
        <translation>{0} fotos de {1} salvas. Retreinando…</translation>
    </message>
    <message>
        <source>Retrained on {0} people in {1:.1f} s.</source>
        <translation>Retreinado com {0} pessoas em {1:.1f} s.</translation>
    </message>
    <message>
        <source>Retraining failed: {0}</source>
        <translation>O retreino falhou: {0}</translation>
    </message>
    <message>
        <source>Video file</source>
        <translation>Arquivo de vídeo</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.avi *.mov *.mkv *.webm);;All (*)</source>
        <translation>Vídeos (*.mp4 *.avi *.mov *.mkv *.webm);;Todos (*)</translation>
    </message>
    <message>
        <source>Image folder</source>
        <translation>Pasta de imagens</translation>
    </message>
    <message>
        <source>Recogniser</source>
        <translation>Reconhecedor</translation>
    </message>
    <message>
        <source>Keras models (*.keras)</source>
        <translation>Modelos Keras (*.keras)</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Imagem</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.pgm *.webp)</source>
        <translation>Imagens (*.png *.jpg *.jpeg *.gif *.bmp *.pgm *.webp)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Digits</source>
        <translation>Dígitos</translation>
    </message>
    <message>
        <source>Inside the network</source>
        <translation>Dentro da rede</translation>
    </message>
    <message>
        <source>Faces</source>
        <translation>Rostos</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Treinamento</translation>
    </message>
    <message>
        <source>Loading the digit model in the background…</source>
        <translation>Carregando o modelo de dígitos em segundo plano…</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>The language changes when no training run is active. Finish or cancel the run first.</source>
        <translation>O idioma muda quando nenhum treino está em andamento. Conclua ou cancele o treino primeiro.</translation>
    </message>
    <message>
        <source>Digit model ready.</source>
        <translation>Modelo de dígitos pronto.</translation>
    </message>
    <message>
        <source>The digit model could not be loaded.</source>
        <translation>Não foi possível carregar o modelo de dígitos.</translation>
    </message>
</context>
<context>
    <name>NetworkInputView</name>
    <message>
        <source>The 28×28 input of the network: your drawing cropped, fitted to 20 px and centred</source>
        <translation>A entrada 28×28 da rede: seu desenho recortado, ajustado a 20 px e centralizado</translation>
    </message>
</context>
<context>
    <name>NetworkTab</name>
    <message>
        <source>first filters: edges and stroke directions</source>
        <translation>primeiros filtros: bordas e direções dos traços</translation>
    </message>
    <message>
        <source>combinations of edges: corners, curves, line ends</source>
        <translation>combinações de bordas: cantos, curvas, pontas de linha</translation>
    </message>
    <message>
        <source>motifs: loops, crossings, stroke endings</source>
        <translation>motivos: laços, cruzamentos, finais de traço</translation>
    </message>
    <message>
        <source>parts of digits, each map a small summary of the picture</source>
        <translation>partes de dígitos, cada mapa um pequeno resumo da imagem</translation>
    </message>
    <message>
        <source>every number of the last maps in a row: what the dense layer reads</source>
        <translation>todos os números dos últimos mapas em fila: o que a camada densa lê</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <source>Erase the drawing</source>
        <translation>Apagar o desenho</translation>
    </message>
    <message>
        <source>Click any feature map to enlarge it and see its filter.</source>
        <translation>Clique em qualquer mapa de características para ampliá-lo e ver o seu filtro.</translation>
    </message>
    <message>
        <source>The selected feature map, enlarged</source>
        <translation>O mapa de características selecionado, ampliado</translation>
    </message>
    <message>
        <source>The filter&apos;s weights (blue: negative, red: positive), one small square per input map</source>
        <translation>Os pesos do filtro (azul: negativo, vermelho: positivo), um quadradinho por mapa de entrada</translation>
    </message>
    <message>
        <source>Selected feature map</source>
        <translation>Mapa de características selecionado</translation>
    </message>
    <message>
        <source>Loading the model…</source>
        <translation>Carregando o modelo…</translation>
    </message>
    <message>
        <source>The 28×28 input the network sees</source>
        <translation>A entrada 28×28 que a rede vê</translation>
    </message>
    <message>
        <source>Grad-CAM: where the picture pushed the top digit&apos;s score up</source>
        <translation>Grad-CAM: onde a imagem aumentou a pontuação do dígito vencedor</translation>
    </message>
    <message>
        <source>Why this digit: Grad-CAM</source>
        <translation>Por que este dígito: Grad-CAM</translation>
    </message>
    <message>
        <source>Input (28×28)</source>
        <translation>Entrada (28×28)</translation>
    </message>
    <message>
        <source>dense layer: one weighted sum per digit</source>
        <translation>camada densa: uma soma ponderada por dígito</translation>
    </message>
    <message>
        <source>Raw scores (logits)</source>
        <translation>Pontuações brutas (logits)</translation>
    </message>
    <message>
        <source>softmax: e^score, divided by the sum: probabilities that add up to 1</source>
        <translation>softmax: e^pontuação, dividido pela soma: probabilidades que somam 1</translation>
    </message>
    <message>
        <source>Probabilities</source>
        <translation>Probabilidades</translation>
    </message>
    <message>
        <source>Preparing the view of the model&apos;s layers…</source>
        <translation>Preparando a visão das camadas do modelo…</translation>
    </message>
    <message>
        <source>Draw on the canvas: every layer updates as you draw.</source>
        <translation>Desenhe na tela: cada camada se atualiza enquanto você desenha.</translation>
    </message>
    <message>
        <source>This model&apos;s layers can&apos;t be shown: {0}</source>
        <translation>As camadas deste modelo não podem ser mostradas: {0}</translation>
    </message>
    <message>
        <source>Click a map to enlarge it and see the filter that made it</source>
        <translation>Clique em um mapa para ampliá-lo e ver o filtro que o produziu</translation>
    </message>
    <message>
        <source>Why a {0}: Grad-CAM</source>
        <translation>Por que um {0}: Grad-CAM</translation>
    </message>
    <message>
        <source>Probabilities: {0} at {1:.0f}%</source>
        <translation>Probabilidades: {0} com {1:.0f}%</translation>
    </message>
    <message>
        <source>{0}, map {1} of {2}: strongest {3:.2f}</source>
        <translation>{0}, mapa {1} de {2}: máximo {3:.2f}</translation>
    </message>
    <message>
        <source>then batch normalisation and ReLU.</source>
        <translation>seguidos de normalização em lote e ReLU.</translation>
    </message>
    <message>
        <source>plus a bias, then ReLU.</source>
        <translation>mais um viés, seguidos de ReLU.</translation>
    </message>
    <message>
        <source>Its filter: {0}×{1} weights for the input picture, {3}</source>
        <translation>Seu filtro: {0}×{1} pesos sobre a imagem de entrada, {3}</translation>
    </message>
    <message>
        <source>Its filter: {0}×{1} weights for each of the {2} maps of the layer before, {3}</source>
        <translation>Seu filtro: {0}×{1} pesos para cada um dos {2} mapas da camada anterior, {3}</translation>
    </message>
    <message>
        <source>conv {0}</source>
        <translation>conv {0}</translation>
    </message>
    <message>
        <source>dense input</source>
        <translation>entrada da camada densa</translation>
    </message>
</context>
<context>
    <name>ProbabilityBars</name>
    <message>
        <source>Softmax output: the network&apos;s probability for each digit (they add up to 100%)</source>
        <translation>Saída softmax: a probabilidade que a rede dá a cada dígito (somam 100%)</translation>
    </message>
</context>
<context>
    <name>RecognitionThread</name>
    <message>
        <source>recognition failed: {0}</source>
        <translation>o reconhecimento falhou: {0}</translation>
    </message>
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>Digits (MNIST)</source>
        <translation>Dígitos (MNIST)</translation>
    </message>
    <message>
        <source>Folder of images (one sub-folder per class)</source>
        <translation>Pasta de imagens (uma subpasta por classe)</translation>
    </message>
    <message>
        <source>choose a folder…</source>
        <translation>escolha uma pasta…</translation>
    </message>
    <message>
        <source>MNIST: 60,000 training images of 10 digits (5,000 held out for validation).</source>
        <translation>MNIST: 60.000 imagens de treino de 10 dígitos (5.000 reservadas para validação).</translation>
    </message>
    <message>
        <source>Passes over the whole training set. More can learn more, or overfit.</source>
        <translation>Passadas pelo conjunto de treino inteiro. Mais épocas podem aprender mais, ou sobreajustar.</translation>
    </message>
    <message>
        <source>Examples per gradient step. Small: noisy steps; large: smooth but fewer.</source>
        <translation>Exemplos por passo do gradiente. Pequeno: passos ruidosos; grande: suaves, mas em menor número.</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source>Step size of gradient descent. Too high diverges, too low crawls.</source>
        <translation>Tamanho do passo da descida do gradiente. Alta demais diverge, baixa demais se arrasta.</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>SGD com momento</translation>
    </message>
    <message>
        <source>How the gradient becomes a step: plain SGD, SGD with momentum, Adagrad or Adam.</source>
        <translation>Como o gradiente vira um passo: SGD simples, SGD com momento, Adagrad ou Adam.</translation>
    </message>
    <message>
        <source>warm-up, then cosine decay</source>
        <translation>aquecimento, depois decaimento cosseno</translation>
    </message>
    <message>
        <source>Learning-rate decay: start gently, then shrink the steps so training settles.</source>
        <translation>Decaimento da taxa de aprendizado: começar devagar e depois encolher os passos para o treino assentar.</translation>
    </message>
    <message>
        <source>Dropout: randomly silence this share of neurons while training.</source>
        <translation>Dropout: silenciar ao acaso esta fração dos neurônios durante o treino.</translation>
    </message>
    <message>
        <source>L2 weight decay: penalise large weights to fight overfitting.</source>
        <translation>Decaimento de pesos L2: penalizar pesos grandes para combater o sobreajuste.</translation>
    </message>
    <message>
        <source>Label smoothing: the target gives the true digit 1 − s and spreads s over all ten, so the network is not pushed to total certainty. The loss then cannot reach 0.</source>
        <translation>Suavização de rótulos (label smoothing): o alvo dá 1 − s ao dígito certo e espalha s entre os dez, para a rede não ser empurrada à certeza total. A perda então não chega a 0.</translation>
    </message>
    <message>
        <source>Share of the training images held out to measure overfitting.</source>
        <translation>Fração das imagens de treino reservada para medir o sobreajuste.</translation>
    </message>
    <message>
        <source>augmentation</source>
        <translation>aumento de dados</translation>
    </message>
    <message>
        <source>Show the network varied copies (rotated, shifted, thicker strokes) of each image. Folders: for CNNs that see pictures (scratch, fine-tuning), not frozen features.</source>
        <translation>Mostrar à rede cópias variadas (giradas, deslocadas, com traço mais grosso) de cada imagem. Pastas: para CNNs que veem imagens (do zero, ajuste fino), não para características congeladas.</translation>
    </message>
    <message>
        <source>Random seed: the same seed and settings give the same run.</source>
        <translation>Semente aleatória: a mesma semente e as mesmas configurações dão o mesmo treino.</translation>
    </message>
    <message>
        <source>Transfer learning: start from a pretrained feature extractor (face, imagenet) or train a small CNN from scratch.</source>
        <translation>Transferência de aprendizado: partir de um extrator de características pré-treinado (face, imagenet) ou treinar uma CNN pequena do zero.</translation>
    </message>
    <message>
        <source>Transfer learning: also retrain the backbone&apos;s top N layers.</source>
        <translation>Transferência de aprendizado: retreinar também as N camadas superiores do backbone.</translation>
    </message>
    <message>
        <source>Use only the first N training images (0: all). For quick tries.</source>
        <translation>Usar só as N primeiras imagens de treino (0: todas). Para testes rápidos.</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Treinar</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Pasta</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Épocas</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamanho do lote</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taxa de aprendizado</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Otimizador</translation>
    </message>
    <message>
        <source>Learning-rate decay</source>
        <translation>Decaimento da taxa</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>L2 weight decay</source>
        <translation>Decaimento de pesos L2</translation>
    </message>
    <message>
        <source>Label smoothing</source>
        <translation>Suavização de rótulos</translation>
    </message>
    <message>
        <source>Validation split</source>
        <translation>Fração de validação</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>Aumento de dados</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>Semente aleatória</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>Backbone</translation>
    </message>
    <message>
        <source>Fine-tune top layers</source>
        <translation>Ajuste fino das camadas superiores</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>Imagens de treino</translation>
    </message>
    <message>
        <source>Transfer vs scratch</source>
        <translation>Transferência vs do zero</translation>
    </message>
    <message>
        <source>Train twice on the same images with the same epochs: a head on a pretrained backbone, then a CNN from scratch. Both curves and accuracies side by side.</source>
        <translation>Treinar duas vezes com as mesmas imagens e as mesmas épocas: uma cabeça sobre um backbone pré-treinado e depois uma CNN do zero. As duas curvas e acurácias lado a lado.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>Usar este modelo</translation>
    </message>
    <message>
        <source>Put the finished run&apos;s model to work in the Digits or Faces tab</source>
        <translation>Colocar o modelo deste treino para trabalhar na aba Dígitos ou Rostos</translation>
    </message>
    <message>
        <source>What to train, and how</source>
        <translation>O que treinar, e como</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Perda</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Acurácia</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>época</translation>
    </message>
    <message>
        <source>Show earlier runs</source>
        <translation>Mostrar treinos anteriores</translation>
    </message>
    <message>
        <source>The first layer&apos;s filters (blue: negative, red: positive weights)</source>
        <translation>Os filtros da primeira camada (azul: pesos negativos, vermelho: positivos)</translation>
    </message>
    <message>
        <source>First-layer filters, as they learn</source>
        <translation>Filtros da primeira camada, enquanto aprendem</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Pronto.</translation>
    </message>
    <message>
        <source>class</source>
        <translation>classe</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>acurácia</translation>
    </message>
    <message>
        <source>Rows: the true class. Columns: what the model said.</source>
        <translation>Linhas: a classe verdadeira. Colunas: o que o modelo disse.</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>Por classe</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>Matriz de confusão</translation>
    </message>
    <message>
        <source>Mistakes</source>
        <translation>Erros</translation>
    </message>
    <message>
        <source>MNIST: 60,000 training images of 10 digits (a share held out for validation).</source>
        <translation>MNIST: 60.000 imagens de treino de 10 dígitos (uma fração reservada para validação).</translation>
    </message>
    <message>
        <source>Folder with one sub-folder per class</source>
        <translation>Pasta com uma subpasta por classe</translation>
    </message>
    <message>
        <source>Choose a folder with one sub-folder of images per class.</source>
        <translation>Escolha uma pasta com uma subpasta de imagens por classe.</translation>
    </message>
    <message>
        <source>Not usable: {0}</source>
        <translation>Não utilizável: {0}</translation>
    </message>
    <message>
        <source>warning: {0}</source>
        <translation>aviso: {0}</translation>
    </message>
    <message>
        <source>Transfer vs scratch: {0} epochs each on the same images…</source>
        <translation>Transferência vs do zero: {0} épocas cada, com as mesmas imagens…</translation>
    </message>
    <message>
        <source>Choose a folder to train on first.</source>
        <translation>Escolha primeiro uma pasta para treinar.</translation>
    </message>
    <message>
        <source>Starting the training process…</source>
        <translation>Iniciando o processo de treino…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>epoch {0}/{1}, batch {2}/{3}, {4:.0f} examples/s, ETA {5}</source>
        <translation>época {0}/{1}, lote {2}/{3}, {4:.0f} exemplos/s, faltam {5}</translation>
    </message>
    <message>
        <source>First-layer filters, as they learn: {0} of {1}×{2}</source>
        <translation>Filtros da primeira camada, enquanto aprendem: {0} de {1}×{2}</translation>
    </message>
    <message>
        <source>overfitting starts</source>
        <translation>começa o sobreajuste</translation>
    </message>
    <message>
        <source>Overfitting after epoch {0}: validation loss rises while training loss keeps falling, so the network is memorising the training images instead of learning. Stop there, or add dropout, L2 or augmentation.</source>
        <translation>Sobreajuste depois da época {0}: a perda de validação sobe enquanto a de treino continua caindo, ou seja, a rede está decorando as imagens de treino em vez de aprender. Pare ali, ou acrescente dropout, L2 ou aumento de dados.</translation>
    </message>
    <message>
        <source>training accuracy {0:.2f}%</source>
        <translation>acurácia de treino {0:.2f}%</translation>
    </message>
    <message>
        <source>validation accuracy {0:.2f}%</source>
        <translation>acurácia de validação {0:.2f}%</translation>
    </message>
    <message>
        <source>test accuracy {0:.2f}%</source>
        <translation>acurácia de teste {0:.2f}%</translation>
    </message>
    <message>
        <source>took {0:.1f} s</source>
        <translation>levou {0:.1f} s</translation>
    </message>
    <message>
        <source>Finished: {0}. The model in use is unchanged until you accept this one.</source>
        <translation>Concluído: {0}. O modelo em uso não muda até você aceitar este.</translation>
    </message>
    <message>
        <source>Cancelled. The model in use is unchanged.</source>
        <translation>Cancelado. O modelo em uso não mudou.</translation>
    </message>
    <message>
        <source>Training failed: {0}</source>
        <translation>O treino falhou: {0}</translation>
    </message>
    <message>
        <source>Failed. The model in use is unchanged.</source>
        <translation>Falhou. O modelo em uso não mudou.</translation>
    </message>
    <message>
        <source>Now in use: {0}.</source>
        <translation>Agora em uso: {0}.</translation>
    </message>
    <message>
        <source>transfer unavailable, so from scratch too</source>
        <translation>transferência indisponível, então também do zero</translation>
    </message>
    <message>
        <source>from scratch (CNN)</source>
        <translation>do zero (CNN)</translation>
    </message>
    <message>
        <source>transfer ({0})</source>
        <translation>transferência ({0})</translation>
    </message>
    <message>
        <source>validation {0:.1f}%</source>
        <translation>validação {0:.1f}%</translation>
    </message>
    <message>
        <source>no validation split</source>
        <translation>sem validação</translation>
    </message>
    <message>
        <source>Transfer vs scratch, {0} epochs each on the same images: {1}</source>
        <translation>Transferência vs do zero, {0} épocas cada, com as mesmas imagens: {1}</translation>
    </message>
    <message>
        <source>training (this run)</source>
        <translation>treino (este)</translation>
    </message>
    <message>
        <source>validation (this run)</source>
        <translation>validação (este)</translation>
    </message>
    <message>
        <source>earlier: {0}</source>
        <translation>anterior: {0}</translation>
    </message>
    <message>
        <source>no validation images</source>
        <translation>sem imagens de validação</translation>
    </message>
    <message>
        <source>every class needs at least 5 images for a split</source>
        <translation>cada classe precisa de ao menos 5 imagens para separar a validação</translation>
    </message>
    <message>
        <source>said {0}</source>
        <translation>disse {0}</translation>
    </message>
    <message>
        <source>is {0}</source>
        <translation>é {0}</translation>
    </message>
    <message>
        <source>is {0}, said {1} ({2:.0f}%)</source>
        <translation>é {0}, disse {1} ({2:.0f}%)</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>camera {0}</source>
        <translation>câmera {0}</translation>
    </message>
    <message>
        <source>image folder {0}</source>
        <translation>pasta de imagens {0}</translation>
    </message>
    <message>
        <source>video file {0}</source>
        <translation>arquivo de vídeo {0}</translation>
    </message>
    <message>
        <source>no images in the folder {0}</source>
        <translation>nenhuma imagem na pasta {0}</translation>
    </message>
    <message>
        <source>no such video file: {0}</source>
        <translation>arquivo de vídeo inexistente: {0}</translation>
    </message>
    <message>
        <source>cannot open {0}</source>
        <translation>não foi possível abrir {0}</translation>
    </message>
    <message>
        <source>{0} stopped sending frames (unplugged?)</source>
        <translation>{0} parou de enviar quadros (desconectada?)</translation>
    </message>
    <message>
        <source>Preprocessing MNIST…</source>
        <translation>Pré-processando o MNIST…</translation>
    </message>
    <message>
        <source>Training on {0} images, validating on {1}…</source>
        <translation>Treinando com {0} imagens, validando com {1}…</translation>
    </message>
    <message>
        <source>Scoring on the MNIST test set…</source>
        <translation>Avaliando no conjunto de teste do MNIST…</translation>
    </message>
    <message>
        <source>class &apos;{0}&apos; has only {1} image(s); {2} or more work better</source>
        <translation>a classe &apos;{0}&apos; tem só {1} imagem(ns); {2} ou mais funcionam melhor</translation>
    </message>
    <message>
        <source>skipped {0} file(s) that are not readable images</source>
        <translation>{0} arquivo(s) ignorado(s) por não serem imagens legíveis</translation>
    </message>
    <message>
        <source>{0} images in {1} classes from {2}</source>
        <translation>{0} imagens em {1} classes de {2}</translation>
    </message>
    <message>
        <source>skipped {0}: {1}</source>
        <translation>ignorado {0}: {1}</translation>
    </message>
    <message>
        <source>… and {0} more skipped</source>
        <translation>… e mais {0} ignorados</translation>
    </message>
    <message>
        <source>{0} is not a folder</source>
        <translation>{0} não é uma pasta</translation>
    </message>
    <message>
        <source>{0} needs at least two class folders (one per person, pet or thing), found {1}</source>
        <translation>{0} precisa de pelo menos duas pastas de classe (uma por pessoa, bicho ou coisa); encontradas: {1}</translation>
    </message>
    <message>
        <source>not an image file type</source>
        <translation>não é um tipo de arquivo de imagem</translation>
    </message>
    <message>
        <source>class folder {0} has no images</source>
        <translation>a pasta de classe {0} não tem imagens</translation>
    </message>
    <message>
        <source>Finding and embedding faces: {0}/{1}</source>
        <translation>Encontrando e codificando rostos: {0}/{1}</translation>
    </message>
    <message>
        <source>Looking harder for faces HOG missed: {0}/{1}</source>
        <translation>Procurando com mais cuidado os rostos que o HOG não achou: {0}/{1}</translation>
    </message>
    <message>
        <source>Reading pictures: {0}/{1}</source>
        <translation>Lendo imagens: {0}/{1}</translation>
    </message>
    <message>
        <source>Fine-tuning the top {0} backbone layers…</source>
        <translation>Ajuste fino das {0} camadas superiores do backbone…</translation>
    </message>
    <message>
        <source>warning: {0}</source>
        <translation>aviso: {0}</translation>
    </message>
    <message>
        <source>faces found in {0:.0f}% of the images</source>
        <translation>rostos encontrados em {0:.0f}% das imagens</translation>
    </message>
    <message>
        <source>backbone: {0} (auto)</source>
        <translation>backbone: {0} (auto)</translation>
    </message>
    <message>
        <source>{0}
Falling back to a compact CNN trained from scratch.</source>
        <translation>{0}
Usando no lugar uma CNN compacta treinada do zero.</translation>
    </message>
    <message>
        <source>no validation split (a class has fewer than 5 images): training on all</source>
        <translation>sem validação (uma classe tem menos de 5 imagens): treinando com todas</translation>
    </message>
    <message>
        <source>Training the {0} classifier on {1} images…</source>
        <translation>Treinando o classificador {0} com {1} imagens…</translation>
    </message>
</context>
</TS>
