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
        <source>Erase the drawing (Esc or Ctrl+L)</source>
        <translation>Apagar o desenho (Esc ou Ctrl+L)</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>&amp;Limpar</translation>
    </message>
    <message>
        <source>&amp;Undo stroke</source>
        <translation>Des&amp;fazer traço</translation>
    </message>
    <message>
        <source>Remove the last stroke (Ctrl+Z)</source>
        <translation>Remover o último traço (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Very thin</source>
        <translation>Muito fina</translation>
    </message>
    <message>
        <source>Thin</source>
        <translation>Fina</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Thick</source>
        <translation>Grossa</translation>
    </message>
    <message>
        <source>Very thick</source>
        <translation>Muito grossa</translation>
    </message>
    <message>
        <source>How thick the pen draws. The network sees any width: its input is rescaled to 20 px.</source>
        <translation>A espessura do traço da caneta. A rede aceita qualquer largura: a entrada dela é ajustada a 20 px.</translation>
    </message>
    <message>
        <source>&amp;Pen:</source>
        <translation>&amp;Caneta:</translation>
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
        <source>Model ready: {0} on the MNIST test set.</source>
        <translation>Modelo pronto: {0} no conjunto de teste do MNIST.</translation>
    </message>
    <message>
        <source>Trained with label smoothing {0}, so even a perfect digit reads about {1} or more, not 100%.</source>
        <translation>Treinado com suavização de rótulos {0}; por isso, até um dígito perfeito fica em cerca de {1} ou mais, não em 100%.</translation>
    </message>
    <message>
        <source>Not a digit: it looks like a letter, a shape or a scribble ({0} sure)</source>
        <translation>Não é um dígito: parece uma letra, uma forma ou um rabisco ({0} de certeza)</translation>
    </message>
    <message>
        <source>It&apos;s a {0} ({1} sure)</source>
        <translation>É um {0} ({1} de certeza)</translation>
    </message>
    <message>
        <source>Not sure — maybe a {0} ({1})</source>
        <translation>Não tenho certeza — talvez um {0} ({1})</translation>
    </message>
    <message>
        <source>Model ready.</source>
        <translation>Modelo pronto.</translation>
    </message>
    <message>
        <source>The digit model could not be loaded: {0}</source>
        <translation>Não foi possível carregar o modelo de dígitos: {0}</translation>
    </message>
    <message>
        <source>Besides the ten digits it has an 11th answer, &quot;not a digit&quot;, learned from letters, shapes and scribbles, so it can tell you when your drawing is none of the ten.</source>
        <translation>Além dos dez dígitos, ele tem uma 11ª resposta, &quot;não é um dígito&quot;, aprendida com letras, formas e rabiscos; assim, consegue avisar quando o seu desenho não é nenhum dos dez.</translation>
    </message>
    <message>
        <source>Model loading… your digit is read as soon as it is ready.</source>
        <translation>Carregando o modelo… seu dígito será lido assim que ele estiver pronto.</translation>
    </message>
    <message>
        <source>No digit yet: draw one on the left.</source>
        <translation>Nenhum dígito ainda: desenhe um à esquerda.</translation>
    </message>
    <message>
        <source>That doesn&apos;t look like a digit yet.</source>
        <translation>Isso ainda não parece um dígito.</translation>
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
    <name>ExportDialog</name>
    <message>
        <source>TFLite (phones, small devices)</source>
        <translation>TFLite (celulares, dispositivos pequenos)</translation>
    </message>
    <message>
        <source>ONNX (ONNX Runtime, other frameworks)</source>
        <translation>ONNX (ONNX Runtime, outros frameworks)</translation>
    </message>
    <message>
        <source>TensorFlow SavedModel (a folder)</source>
        <translation>TensorFlow SavedModel (uma pasta)</translation>
    </message>
    <message>
        <source>Export a model</source>
        <translation>Exportar um modelo</translation>
    </message>
    <message>
        <source>The digit model in use</source>
        <translation>O modelo de dígitos em uso</translation>
    </message>
    <message>
        <source>The face/pet recogniser in use</source>
        <translation>O reconhecedor de rostos/bichos em uso</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Procurar…</translation>
    </message>
    <message>
        <source>Choose where the exported model goes</source>
        <translation>Escolher onde salvar o modelo exportado</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modelo:</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Formato:</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>&amp;Salvar em:</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
    <message>
        <source>Write the model and a Python example that runs it</source>
        <translation>Gravar o modelo e um exemplo em Python que o executa</translation>
    </message>
    <message>
        <source>ONNX export needs the export extra (tf2onnx and onnxruntime). Install it with: {0}</source>
        <translation>A exportação para ONNX precisa dos pacotes extras de exportação (tf2onnx e onnxruntime). Instale-os com: {0}</translation>
    </message>
    <message>
        <source>Export to a folder</source>
        <translation>Exportar para uma pasta</translation>
    </message>
    <message>
        <source>TFLite models (*.tflite)</source>
        <translation>Modelos TFLite (*.tflite)</translation>
    </message>
    <message>
        <source>ONNX models (*.onnx)</source>
        <translation>Modelos ONNX (*.onnx)</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Exportar para</translation>
    </message>
    <message>
        <source>Choose where to save the export first.</source>
        <translation>Escolha primeiro onde salvar a exportação.</translation>
    </message>
    <message>
        <source>Exporting to {0}…</source>
        <translation>Exportando para {0}…</translation>
    </message>
    <message>
        <source>Exported to {0}; an example that runs it is {1}</source>
        <translation>Exportado para {0}; um exemplo que o executa está em {1}</translation>
    </message>
    <message>
        <source>ONNX export needs the export extra. Install it with: {0}</source>
        <translation>A exportação para ONNX precisa dos pacotes extras de exportação. Instale-os com: {0}</translation>
    </message>
    <message>
        <source>The export failed; the model in use is unchanged.
{0}</source>
        <translation>A exportação falhou; o modelo em uso não mudou.
{0}</translation>
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
        <source>No recogniser yet: add two people, or load a model.</source>
        <translation>Ainda não há reconhecedor: adicione duas pessoas ou carregue um modelo.</translation>
    </message>
    <message>
        <source>Name a person, then take a few photos from the camera; the model retrains</source>
        <translation>Dê um nome à pessoa e tire algumas fotos com a câmera; o modelo é retreinado</translation>
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
        <source>Source:</source>
        <translation>Fonte:</translation>
    </message>
    <message>
        <source>Recogniser: {0} classes ({1}); backbone {2}.</source>
        <translation>Reconhecedor: {0} classes ({1}); backbone {2}.</translation>
    </message>
    <message>
        <source>The recogniser could not be loaded: {0}</source>
        <translation>Não foi possível carregar o reconhecedor: {0}</translation>
    </message>
    <message>
        <source>&amp;Video…</source>
        <translation>&amp;Vídeo…</translation>
    </message>
    <message>
        <source>Play a video file and name the faces in it</source>
        <translation>Reproduzir um arquivo de vídeo e dar nome aos rostos que aparecem nele</translation>
    </message>
    <message>
        <source>Show a folder of images as a slide show and name the faces in it</source>
        <translation>Mostrar uma pasta de imagens como apresentação de slides e dar nome aos rostos nelas</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>I&amp;niciar</translation>
    </message>
    <message>
        <source>Start or stop reading the source</source>
        <translation>Iniciar ou parar a leitura da fonte</translation>
    </message>
    <message>
        <source>What the recognition is doing</source>
        <translation>O que o reconhecimento está fazendo</translation>
    </message>
    <message>
        <source>Use a recogniser file (.keras) trained here or with the command line</source>
        <translation>Usar um arquivo de reconhecedor (.keras) treinado aqui ou pela linha de comando</translation>
    </message>
    <message>
        <source>&amp;Add person…</source>
        <translation>Adi&amp;cionar pessoa…</translation>
    </message>
    <message>
        <source>&amp;People…</source>
        <translation>Pe&amp;ssoas…</translation>
    </message>
    <message>
        <source>See, rename and delete the enrolled people, or add photos to one</source>
        <translation>Ver, renomear e excluir as pessoas cadastradas, ou adicionar fotos a uma delas</translation>
    </message>
    <message>
        <source>Train the recogniser again on everyone enrolled (takes seconds)</source>
        <translation>Treinar o reconhecedor de novo com todas as pessoas cadastradas (leva segundos)</translation>
    </message>
    <message>
        <source>Name the people in a photo file</source>
        <translation>Dar nome às pessoas de um arquivo de foto</translation>
    </message>
    <message>
        <source>Retr&amp;y</source>
        <translation>Rea&amp;brir</translation>
    </message>
    <message>
        <source>Open the source again</source>
        <translation>Abrir a fonte de novo</translation>
    </message>
    <message>
        <source>Loading the recogniser…</source>
        <translation>Carregando o reconhecedor…</translation>
    </message>
    <message>
        <source>Unknown below {0}% confidence</source>
        <translation>Desconhecido abaixo de {0}% de confiança</translation>
    </message>
    <message>
        <source>the source was stopped</source>
        <translation>a leitura da fonte foi interrompida</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>Abrindo {0}…</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>P&amp;arar</translation>
    </message>
    <message>
        <source>Starting the face finders…</source>
        <translation>Iniciando os detectores de rostos…</translation>
    </message>
    <message>
        <source>Recognising</source>
        <translation>Reconhecendo</translation>
    </message>
    <message>
        <source>No recogniser: video only</source>
        <translation>Sem reconhecedor: só vídeo</translation>
    </message>
    <message>
        <source>The slide show ended. Press Retry to show it again.</source>
        <translation>A apresentação de slides terminou. Clique em Reabrir para mostrá-la outra vez.</translation>
    </message>
    <message>
        <source>The slide show ended.</source>
        <translation>A apresentação de slides terminou.</translation>
    </message>
    <message>
        <source>the source ended</source>
        <translation>a fonte chegou ao fim</translation>
    </message>
    <message>
        <source>Please choose another name: {0}.</source>
        <translation>Escolha outro nome: {0}.</translation>
    </message>
    <message>
        <source>{0}. Check the source and press Retry.</source>
        <translation>{0}. Verifique a fonte e clique em Reabrir.</translation>
    </message>
    <message>
        <source>Add &amp;class…</source>
        <translation>Adicionar c&amp;lasse…</translation>
    </message>
    <message>
        <source>Name a pet or thing, then hold a button while it is in view to record it; no face needed</source>
        <translation>Dê um nome ao bicho ou à coisa e segure um botão enquanto estiver à vista para gravar; não precisa de rosto</translation>
    </message>
    <message>
        <source>Retraining the pet/thing recogniser</source>
        <translation>Retreinando o reconhecedor de bichos/coisas</translation>
    </message>
    <message>
        <source>Stop retraining; the recogniser in use stays</source>
        <translation>Parar o retreino; o reconhecedor em uso continua o mesmo</translation>
    </message>
    <message>
        <source>What the recogniser sees in the whole picture: its probability for each class</source>
        <translation>O que o reconhecedor vê na imagem inteira: a probabilidade que ele dá a cada classe</translation>
    </message>
    <message>
        <source>How far a picture may be from a class&apos;s training pictures (0 to 2) and still be named. Lower: stricter, more &apos;Unknown&apos;. Higher: looser, more mistakes.</source>
        <translation>Quão longe uma imagem pode estar das imagens de treino de uma classe (de 0 a 2) e ainda receber o nome dela. Menor: mais rigoroso, mais &apos;Desconhecido&apos;. Maior: mais permissivo, mais erros.</translation>
    </message>
    <message>
        <source>How sure the recogniser must be to name a picture. Higher: stricter, more &apos;Unknown&apos;.</source>
        <translation>Quanta certeza o reconhecedor precisa ter para dar nome a uma imagem. Maior: mais rigoroso, mais &apos;Desconhecido&apos;.</translation>
    </message>
    <message>
        <source>The video ended. Press Retry to play it again.</source>
        <translation>O vídeo terminou. Clique em Reabrir para reproduzi-lo outra vez.</translation>
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
        <source>Add {0}: {1}</source>
        <translation>Adicionar {0}: {1}</translation>
    </message>
    <message>
        <source>Folde&amp;r…</source>
        <translation>&amp;Pasta…</translation>
    </message>
    <message>
        <source>Pic&amp;k model…</source>
        <translation>Escol&amp;her modelo…</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Retrain no&amp;w</source>
        <translation>Retreinar a&amp;gora</translation>
    </message>
    <message>
        <source>Classify ima&amp;ge…</source>
        <translation>Classi&amp;ficar imagem…</translation>
    </message>
    <message>
        <source>Validation accuracy {0}.</source>
        <translation>Acurácia de validação {0}.</translation>
    </message>
    <message>
        <source>Unknown beyond distance {0}</source>
        <translation>Desconhecido além da distância {0}</translation>
    </message>
    <message>
        <source>{0}: no face found, so the whole picture was read as one face: {1}</source>
        <translation>{0}: nenhum rosto encontrado; por isso, a imagem inteira foi lida como um rosto: {1}</translation>
    </message>
    <message>
        <source>The source is a folder of pictures: the faces in its next pictures will be saved as {0}. Go on only if they all show {0}. (To add chosen photo files to someone, use People… instead.)</source>
        <translation>A fonte é uma pasta de imagens: os rostos das próximas imagens serão salvos como {0}. Continue só se todas mostrarem {0}. (Para adicionar fotos escolhidas a alguém, use Pessoas… em vez disso.)</translation>
    </message>
    <message>
        <source>Add {0}: no face in view — {1}</source>
        <translation>Adicionar {0}: nenhum rosto à vista — {1}</translation>
    </message>
    <message>
        <source>Could not save a photo in {0}: {1}</source>
        <translation>Não foi possível salvar uma foto em {0}: {1}</translation>
    </message>
    <message>
        <source>Photo {0}/{1} of {2} saved. {3}</source>
        <translation>Foto {0}/{1} de {2} salva. {3}</translation>
    </message>
    <message>
        <source>{0}: no photos of {1} were taken.</source>
        <translation>{0}: nenhuma foto de {1} foi tirada.</translation>
    </message>
    <message>
        <source>No face</source>
        <translation>Nenhum rosto</translation>
    </message>
    <message>
        <source>Without a camera, choose a folder of their photos with Folder… and add them again.</source>
        <translation>Sem câmera, escolha uma pasta com fotos da pessoa em Pasta… e adicione-a de novo.</translation>
    </message>
    <message>
        <source>Only {0} of {1} photos of {2} were taken ({3}).</source>
        <translation>Só {0} de {1} fotos de {2} foram tiradas ({3}).</translation>
    </message>
    <message>
        <source>Saved {0} photo of {1}. Add one more person to train.</source>
        <translation>{0} foto de {1} salva. Adicione mais uma pessoa para treinar.</translation>
    </message>
    <message>
        <source>Saved {0} photos of {1}. Add one more person to train.</source>
        <translation>{0} fotos de {1} salvas. Adicione mais uma pessoa para treinar.</translation>
    </message>
    <message>
        <source>Saved {0} photo of {1}. Retraining…</source>
        <translation>{0} foto de {1} salva. Retreinando…</translation>
    </message>
    <message>
        <source>Saved {0} photos of {1}. Retraining…</source>
        <translation>{0} fotos de {1} salvas. Retreinando…</translation>
    </message>
    <message>
        <source>Saved {0} photo of {1}.</source>
        <translation>{0} foto de {1} salva.</translation>
    </message>
    <message>
        <source>Saved {0} photos of {1}.</source>
        <translation>{0} fotos de {1} salvas.</translation>
    </message>
    <message>
        <source>Retraining: wait for it, or Cancel</source>
        <translation>Retreinando: aguarde ou clique em Cancelar</translation>
    </message>
    <message>
        <source>Train the pet/thing recogniser again on every class recorded</source>
        <translation>Treinar o reconhecedor de bichos/coisas de novo com todas as classes gravadas</translation>
    </message>
    <message>
        <source>The people changed: the recogniser retrains again once this retrain ends.</source>
        <translation>As pessoas mudaram: o reconhecedor será retreinado de novo quando este retreino terminar.</translation>
    </message>
    <message>
        <source>The people changed: press Retrain to update the recogniser.</source>
        <translation>As pessoas mudaram: clique em Retreinar para atualizar o reconhecedor.</translation>
    </message>
    <message>
        <source>{0} has no photos: add photos or delete them in People…, then retrain.</source>
        <translation>Sem fotos: {0}. Adicione fotos ou exclua quem está sem fotos em Pessoas… e depois retreine.</translation>
    </message>
    <message>
        <source>Retraining…</source>
        <translation>Retreinando…</translation>
    </message>
    <message>
        <source>The people changed while it retrained.</source>
        <translation>As pessoas mudaram durante o retreino.</translation>
    </message>
    <message>
        <source>Retrained on {0} classes ({1} backbone) in {2} s.</source>
        <translation>Retreinado com {0} classes (backbone {1}) em {2} s.</translation>
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
        <source>Load model</source>
        <translation>Carregar modelo</translation>
    </message>
    <message>
        <source>train a recogniser in the Training tab or with Add person…</source>
        <translation>treine um reconhecedor na aba Treinamento ou com Adicionar pessoa…</translation>
    </message>
    <message>
        <source>{0} is not a Keras model file.</source>
        <translation>{0} não é um arquivo de modelo Keras.</translation>
    </message>
    <message>
        <source>{0} cannot be used: {1}</source>
        <translation>{0} não pode ser usado: {1}</translation>
    </message>
    <message>
        <source>{0} was not saved by DigitFace (it has no metadata), so it cannot name anyone: {1}</source>
        <translation>{0} não foi salvo pelo DigitFace (não tem metadados), então não consegue dar nome a ninguém: {1}</translation>
    </message>
    <message>
        <source>{0} is a digit model, not a face/pet recogniser: {1}</source>
        <translation>{0} é um modelo de dígitos, não um reconhecedor de rostos/bichos: {1}</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Imagem</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.pgm *.webp)</source>
        <translation>Imagens (*.png *.jpg *.jpeg *.gif *.bmp *.pgm *.webp)</translation>
    </message>
    <message>
        <source>Add class</source>
        <translation>Adicionar classe</translation>
    </message>
    <message>
        <source>Name of the pet or thing:</source>
        <translation>Nome do bicho ou da coisa:</translation>
    </message>
    <message>
        <source>No recogniser yet: record two classes, then press Retrain.</source>
        <translation>Ainda não há reconhecedor: grave duas classes e clique em Retreinar.</translation>
    </message>
    <message>
        <source>Retrained on {0} people in {1} s.</source>
        <translation>Retreinado com {0} pessoas em {1} s.</translation>
    </message>
    <message>
        <source>Add {0}: hold the button (or Space) while it is in view; press Done when you have enough.</source>
        <translation>Adicionar {0}: segure o botão (ou a tecla Espaço) enquanto estiver à vista; clique em Concluído quando tiver o suficiente.</translation>
    </message>
    <message>
        <source>Recording {0} stopped: {1}. {2} picture saved.</source>
        <translation>A gravação de {0} parou: {1}. {2} imagem salva.</translation>
    </message>
    <message>
        <source>Recording {0} stopped: {1}. {2} pictures saved.</source>
        <translation>A gravação de {0} parou: {1}. {2} imagens salvas.</translation>
    </message>
    <message>
        <source>Saved {0} pictures of {1}.</source>
        <translation>{0} imagens de {1} salvas.</translation>
    </message>
    <message>
        <source>Saved {0} picture of {1}.</source>
        <translation>{0} imagem de {1} salva.</translation>
    </message>
    <message>
        <source>Add one more class to train.</source>
        <translation>Adicione mais uma classe para treinar.</translation>
    </message>
    <message>
        <source>Press Retrain to train on {0} classes.</source>
        <translation>Clique em Retreinar para treinar com {0} classes.</translation>
    </message>
    <message>
        <source>Retraining the pet/thing recogniser…</source>
        <translation>Retreinando o reconhecedor de bichos/coisas…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Retraining cancelled; the recogniser in use stays.</source>
        <translation>Retreino cancelado; o reconhecedor em uso continua o mesmo.</translation>
    </message>
</context>
<context>
    <name>GradientFlowPlot</name>
    <message>
        <source>Gradient norm</source>
        <translation>Norma do gradiente</translation>
    </message>
    <message>
        <source>Update / weight</source>
        <translation>Atualização / peso</translation>
    </message>
    <message>
        <source>How strongly the loss pulls on each layer&apos;s weights (log scale). When the lines of the first layers lie orders of magnitude below the last layer&apos;s, the gradient vanishes on its way back through the network: typical of deep sigmoid networks, much less of relu.</source>
        <translation>Com que força a perda puxa os pesos de cada camada (escala logarítmica). Quando as linhas das primeiras camadas ficam ordens de grandeza abaixo da linha da última camada, o gradiente desaparece no caminho de volta pela rede: típico de redes profundas com sigmoid, muito menos com relu.</translation>
    </message>
    <message>
        <source>How much each step changes a layer&apos;s weights, relative to their size (log scale). About 0.001 is healthy; far below, the layer has stopped learning; far above, steps are too big.</source>
        <translation>Quanto cada passo muda os pesos de uma camada, em relação ao tamanho deles (escala logarítmica). Cerca de 0,001 é saudável; muito abaixo, a camada parou de aprender; muito acima, os passos são grandes demais.</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>lote</translation>
    </message>
    <message>
        <source>The first layer&apos;s gradient is about the same as the last layer&apos;s.</source>
        <translation>O gradiente da primeira camada é mais ou menos igual ao da última.</translation>
    </message>
    <message>
        <source>The first layer&apos;s gradient is {0} times smaller than the last layer&apos;s.</source>
        <translation>O gradiente da primeira camada é {0} vezes menor que o da última.</translation>
    </message>
    <message>
        <source>The first layer&apos;s gradient is {0} times larger than the last layer&apos;s.</source>
        <translation>O gradiente da primeira camada é {0} vezes maior que o da última.</translation>
    </message>
</context>
<context>
    <name>HandwritingPanel</name>
    <message>
        <source>Wrong? It&apos;s a:</source>
        <translation>Errou? É um:</translation>
    </message>
    <message>
        <source>Click the digit you meant: your drawing is kept to teach the network</source>
        <translation>Clique no dígito que você quis desenhar: seu desenho fica guardado para ensinar a rede</translation>
    </message>
    <message>
        <source>Keep this drawing as a {0} for Teach it my handwriting (Alt+{0})</source>
        <translation>Guardar este desenho como um {0} para Ensinar minha letra (Alt+{0})</translation>
    </message>
    <message>
        <source>&amp;Show them</source>
        <translation>Mo&amp;strar</translation>
    </message>
    <message>
        <source>Open the folder of your kept drawings (one folder per digit)</source>
        <translation>Abrir a pasta dos seus desenhos guardados (uma pasta por dígito)</translation>
    </message>
    <message>
        <source>Fo&amp;rget them…</source>
        <translation>Es&amp;quecer…</translation>
    </message>
    <message>
        <source>Delete every kept drawing (after a confirmation)</source>
        <translation>Excluir todos os desenhos guardados (depois de uma confirmação)</translation>
    </message>
    <message>
        <source>Teach it my hand&amp;writing</source>
        <translation>E&amp;nsinar minha letra</translation>
    </message>
    <message>
        <source>Fine-tune the model in use on your kept drawings, mixed with MNIST digits so it does not forget the rest (about a minute). Some drawings are kept out of teaching to check it honestly. The result is saved as a new model; you choose whether to use it.</source>
        <translation>Fazer o ajuste fino do modelo em uso com os seus desenhos guardados, misturados com dígitos do MNIST para ele não esquecer o resto (cerca de um minuto). Alguns desenhos ficam de fora do ensino, para uma avaliação honesta. O resultado é salvo como um novo modelo; você escolhe se vai usá-lo.</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>C&amp;ancelar</translation>
    </message>
    <message>
        <source>Stop teaching; nothing is saved</source>
        <translation>Parar de ensinar; nada é salvo</translation>
    </message>
    <message>
        <source>Use the tau&amp;ght model</source>
        <translation>&amp;Usar o modelo ensinado</translation>
    </message>
    <message>
        <source>Read your digits with the taught model from now on</source>
        <translation>Ler seus dígitos com o modelo ensinado daqui em diante</translation>
    </message>
    <message>
        <source>Drawings of yours kept: {0}</source>
        <translation>Desenhos seus guardados: {0}</translation>
    </message>
    <message>
        <source>Your drawing could not be kept: {0}</source>
        <translation>Não foi possível guardar seu desenho: {0}</translation>
    </message>
    <message>
        <source>Kept as a {0}. Draw the next one.</source>
        <translation>Guardado como um {0}. Desenhe o próximo.</translation>
    </message>
    <message>
        <source>{0} more before you can teach it.</source>
        <translation>Mais {0} e você já pode ensinar a rede.</translation>
    </message>
    <message>
        <source>{0} could not be made: {1}</source>
        <translation>Não foi possível criar {0}: {1}</translation>
    </message>
    <message>
        <source>No file manager could open the folder; your drawings are in {0}</source>
        <translation>Nenhum gerenciador de arquivos conseguiu abrir a pasta; seus desenhos estão em {0}</translation>
    </message>
    <message>
        <source>Forget your drawings</source>
        <translation>Esquecer seus desenhos</translation>
    </message>
    <message>
        <source>Delete the {0} drawing of yours kept for teaching? Models already taught keep what they learned.</source>
        <translation>Apagar o {0} desenho seu guardado para ensinar? Os modelos já ensinados mantêm o que aprenderam.</translation>
    </message>
    <message>
        <source>Delete all {0} drawings of yours kept for teaching? Models already taught keep what they learned.</source>
        <translation>Excluir todos os desenhos seus guardados para ensinar ({0})? Os modelos já ensinados mantêm o que aprenderam.</translation>
    </message>
    <message>
        <source>Your drawings could not all be deleted: {0}</source>
        <translation>Nem todos os seus desenhos puderam ser excluídos: {0}</translation>
    </message>
    <message>
        <source>Forgot {0} drawings.</source>
        <translation>Desenhos esquecidos: {0}.</translation>
    </message>
    <message>
        <source>Forgot {0} drawing.</source>
        <translation>Desenho esquecido: {0}.</translation>
    </message>
    <message>
        <source>Teaching cancelled; nothing was saved.</source>
        <translation>O ensino da sua letra foi cancelado; nada foi salvo.</translation>
    </message>
    <message>
        <source>Teaching failed: {0}</source>
        <translation>O ensino da sua letra falhou: {0}</translation>
    </message>
    <message>
        <source>MNIST test digits: {0} right before, {1} after.</source>
        <translation>Dígitos de teste do MNIST: {0} de acerto antes, {1} depois.</translation>
    </message>
    <message>
        <source>Letters, shapes and scribbles of kinds it never learned from, called &quot;not a digit&quot;: {0} before, {1} after.</source>
        <translation>Letras, formas e rabiscos de tipos com os quais o modelo nunca aprendeu, classificados como &quot;não é um dígito&quot;: {0} antes, {1} depois.</translation>
    </message>
    <message>
        <source>It forgot part of MNIST (under {0}), so it is not offered as your model; it is saved as {1}.</source>
        <translation>O modelo esqueceu parte do MNIST (ficou abaixo de {0}), por isso não é oferecido como o seu modelo; foi salvo como {1}.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>On your {0} drawings: before, {1} of {0} right; after, {2} of {0}.</source>
        <translation>Nos seus {0} desenhos: antes, {1} de {0} certos; depois, {2} de {0}.</translation>
    </message>
    <message>
        <source>On the {0} kept out of teaching (it never saw them, so this is the honest figure): before {1} of {0}, after {2} of {0}.</source>
        <translation>Nos {0} deixados de fora do ensino (o modelo nunca os viu, então este é o número honesto): antes {1} de {0}, depois {2} de {0}.</translation>
    </message>
    <message>
        <source>It learned from all of them, so &quot;after&quot; is partly memorised; from {0} drawings on, some are kept out to check.</source>
        <translation>O modelo aprendeu com todos eles, então o &quot;depois&quot; é em parte decorado; a partir de {0} desenhos, alguns ficam de fora para avaliar.</translation>
    </message>
    <message>
        <source>Left out, unreadable: {0}</source>
        <translation>Deixados de fora, ilegíveis: {0}</translation>
    </message>
    <message>
        <source>Left out, folders the model has no class for: {0}</source>
        <translation>Deixadas de fora, pastas sem classe correspondente no modelo: {0}</translation>
    </message>
    <message>
        <source>It forgot part of what &quot;not a digit&quot; means, so it is not offered as your model; it is saved as {0}.</source>
        <translation>O modelo esqueceu parte do que &quot;não é um dígito&quot; significa, por isso não é oferecido como o seu modelo; foi salvo como {0}.</translation>
    </message>
    <message>
        <source>The taught model is now in use.</source>
        <translation>O modelo ensinado agora está em uso.</translation>
    </message>
    <message>
        <source>Could not use the taught model: {0}</source>
        <translation>Não foi possível usar o modelo ensinado: {0}</translation>
    </message>
</context>
<context>
    <name>LRFinderView</name>
    <message>
        <source>Train a fresh copy of the network for about 150 batches while the learning rate grows from 0.000001 to 10, and plot the loss against the rate. Where the loss falls fastest, the rate is good; where it shoots up, the steps overshoot. Takes well under a minute.</source>
        <translation>Treinar uma cópia nova da rede por cerca de 150 lotes enquanto a taxa de aprendizado cresce de 0,000001 a 10, e traçar a perda em função da taxa. Onde a perda cai mais rápido, a taxa é boa; onde ela dispara, os passos passam do ponto. Leva bem menos de um minuto.</translation>
    </message>
    <message>
        <source>Put the suggested learning rate into the settings form</source>
        <translation>Colocar a taxa de aprendizado sugerida no formulário de configurações</translation>
    </message>
    <message>
        <source>Fi&amp;nd a learning rate</source>
        <translation>Encontrar uma ta&amp;xa de aprendizado</translation>
    </message>
    <message>
        <source>Use this r&amp;ate</source>
        <translation>U&amp;sar esta taxa</translation>
    </message>
    <message>
        <source>learning rate (log scale)</source>
        <translation>taxa de aprendizado (escala logarítmica)</translation>
    </message>
    <message>
        <source>loss (smoothed)</source>
        <translation>perda (suavizada)</translation>
    </message>
    <message>
        <source>Grey: the rate is too low, the loss hardly moves. Green: good rates, the loss falls. Red: too high, the loss rises again (overshoot). The dashed line is the suggestion.</source>
        <translation>Cinza: a taxa é baixa demais, a perda quase não se mexe. Verde: taxas boas, a perda cai. Vermelho: alta demais, a perda volta a subir (passa do ponto). A linha tracejada é a sugestão.</translation>
    </message>
    <message>
        <source>Starting the learning-rate sweep…</source>
        <translation>Iniciando a varredura da taxa de aprendizado…</translation>
    </message>
    <message>
        <source>Learning-rate sweep cancelled.</source>
        <translation>Varredura da taxa de aprendizado cancelada.</translation>
    </message>
    <message>
        <source>The learning-rate sweep failed: {0}</source>
        <translation>A varredura da taxa de aprendizado falhou: {0}</translation>
    </message>
    <message>
        <source>Batch {0} of at most {1}: rate {2}, loss {3}</source>
        <translation>Lote {0} de no máximo {1}: taxa {2}, perda {3}</translation>
    </message>
    <message>
        <source>suggested {0}</source>
        <translation>sugerida {0}</translation>
    </message>
    <message>
        <source>Too low below {0} (the loss hardly moves), overshoots above {1}. Suggested rate: {2} ({3}); the loss fell fastest at {4}.</source>
        <translation>Baixa demais abaixo de {0} (a perda quase não se mexe), passa do ponto acima de {1}. Taxa sugerida: {2} ({3}); a perda caiu mais rápido em {4}.</translation>
    </message>
    <message>
        <source>The curve alone points at {0}, but {1} usually overshoots above {2} in a whole run, so the suggestion stops there.</source>
        <translation>A curva sozinha aponta para {0}, mas {1} costuma passar do ponto acima de {2} num treino inteiro; por isso a sugestão para aí.</translation>
    </message>
    <message>
        <source>But the loss fell only {0} at any rate: this network hardly learns whatever the rate. Look at its gradient flow: in a deep sigmoid network the first layers&apos; gradients vanish.</source>
        <translation>Mas a perda caiu só {0} em qualquer taxa: esta rede quase não aprende, seja qual for a taxa. Veja o fluxo do gradiente dela: numa rede profunda com sigmoid, os gradientes das primeiras camadas desaparecem.</translation>
    </message>
    <message>
        <source>Find a learning rate for the network and optimizer chosen on the left (digits only).</source>
        <translation>Encontre uma taxa de aprendizado para a rede e o otimizador escolhidos à esquerda (só para dígitos).</translation>
    </message>
</context>
<context>
    <name>LearningCurves</name>
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
        <source>Sh&amp;ow earlier runs</source>
        <translation>Mostrar treinos &amp;anteriores</translation>
    </message>
    <message>
        <source>Draw the validation curves of the last few finished runs of the same kind, to compare.</source>
        <translation>Desenhar as curvas de validação dos últimos treinos concluídos do mesmo tipo, para comparar.</translation>
    </message>
    <message>
        <source>The first layer&apos;s filters (blue: negative, red: positive weights)</source>
        <translation>Os filtros da primeira camada (azul: pesos negativos, vermelho: positivos)</translation>
    </message>
    <message>
        <source>Solid: this run, training per batch (smoothed once) and ● validation per epoch. Dashed ▼: earlier runs, validation per epoch.</source>
        <translation>Contínua: este treino, treino por lote (suavizado uma vez) e ● validação por época. Tracejada ▼: treinos anteriores, validação por época.</translation>
    </message>
    <message>
        <source>First-layer filters, as they learn</source>
        <translation>Filtros da primeira camada, enquanto aprendem</translation>
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
        <source>Draw again and watch every layer change, from edges to the ten probabilities. Click a feature map to see the filter that made it.</source>
        <translation>Desenhe de novo e veja cada camada mudar, das bordas até as dez probabilidades. Clique em um mapa de características para ver o filtro que o produziu.</translation>
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
        <source>&amp;Digits</source>
        <translation>&amp;Dígitos</translation>
    </message>
    <message>
        <source>&amp;Inside the network</source>
        <translation>Dentro da &amp;rede</translation>
    </message>
    <message>
        <source>&amp;Faces</source>
        <translation>R&amp;ostos</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Treinamento</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modelo</translation>
    </message>
    <message>
        <source>&amp;Open digit model…</source>
        <translation>&amp;Abrir modelo de dígitos…</translation>
    </message>
    <message>
        <source>Use a digit model (.keras) trained here or elsewhere, for this session</source>
        <translation>Usar um modelo de dígitos (.keras) treinado aqui ou em outro lugar, nesta sessão</translation>
    </message>
    <message>
        <source>&amp;Back to the shipped model</source>
        <translation>&amp;Voltar ao modelo original</translation>
    </message>
    <message>
        <source>Forget the model accepted in the Training tab and use the one DigitFace came with</source>
        <translation>Esquecer o modelo aceito na aba Treinamento e usar o que veio com o DigitFace</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <source>Write the digit model or the face/pet recogniser in use as TFLite, ONNX or a SavedModel</source>
        <translation>Gravar o modelo de dígitos ou o reconhecedor de rostos/bichos em uso como TFLite, ONNX ou SavedModel</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Sair</translation>
    </message>
    <message>
        <source>Close DigitFace, as the window&apos;s close button does</source>
        <translation>Fechar o DigitFace, como faz o botão de fechar da janela</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Undo stroke</source>
        <translation>&amp;Desfazer traço</translation>
    </message>
    <message>
        <source>Remove the last stroke</source>
        <translation>Remover o último traço</translation>
    </message>
    <message>
        <source>&amp;Clear drawing</source>
        <translation>&amp;Limpar desenho</translation>
    </message>
    <message>
        <source>Erase the drawing</source>
        <translation>Apagar o desenho</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;juda</translation>
    </message>
    <message>
        <source>&amp;Getting started</source>
        <translation>&amp;Primeiros passos</translation>
    </message>
    <message>
        <source>&amp;About DigitFace</source>
        <translation>&amp;Sobre o DigitFace</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Not opened: {0}. The model in use stays.</source>
        <translation>Não foi aberto: {0}. O modelo em uso continua.</translation>
    </message>
    <message>
        <source>The digit model could not be loaded: {0}</source>
        <translation>Não foi possível carregar o modelo de dígitos: {0}</translation>
    </message>
    <message>
        <source>Digit model ready.</source>
        <translation>Modelo de dígitos pronto.</translation>
    </message>
    <message>
        <source>Open a digit model</source>
        <translation>Abrir um modelo de dígitos</translation>
    </message>
    <message>
        <source>Keras models (*.keras)</source>
        <translation>Modelos Keras (*.keras)</translation>
    </message>
    <message>
        <source>Open digit model</source>
        <translation>Abrir modelo de dígitos</translation>
    </message>
    <message>
        <source>This file can&apos;t be used; the model in use stays.

{0}</source>
        <translation>Este arquivo não pode ser usado; o modelo em uso continua.

{0}</translation>
    </message>
    <message>
        <source>Back to the shipped model</source>
        <translation>Voltar ao modelo original</translation>
    </message>
    <message>
        <source>{0} could not be removed: {1}</source>
        <translation>Não foi possível remover {0}: {1}</translation>
    </message>
    <message>
        <source>&amp;Stop and close</source>
        <translation>&amp;Parar e fechar</translation>
    </message>
    <message>
        <source>&amp;Keep training</source>
        <translation>&amp;Continuar treinando</translation>
    </message>
    <message>
        <source>Draw a digit with the mouse, as big as you like. The network reads it while you draw. Ctrl+Z undoes a stroke, Esc clears. Read wrong? Click the digit you meant under “Wrong? It&apos;s a:” to keep your drawing; with five kept, Teach it my handwriting teaches the network your way of writing.</source>
        <translation>Desenhe um dígito com o mouse, do tamanho que quiser. A rede o lê enquanto você desenha. Ctrl+Z desfaz um traço, Esc limpa o desenho. Leu errado? Clique no dígito que você quis dizer em “Errou? É um:” para guardar o desenho; com cinco guardados, Ensinar minha letra ensina a rede o seu jeito de escrever.</translation>
    </message>
    <message>
        <source>Choose a camera, a video or a folder of images and press Start. Add person… teaches it a new face from six photos. For pets and things, Add class… names one: hold the record button while it is in view, do the same for a second one, then press Retrain now.</source>
        <translation>Escolha uma câmera, um vídeo ou uma pasta de imagens e clique em Iniciar. Adicionar pessoa… ensina um rosto novo ao reconhecedor a partir de seis fotos. Para bichos e objetos, Adicionar classe… dá nome a um: segure o botão de gravar enquanto ele aparece, faça o mesmo com um segundo e clique em Retreinar agora.</translation>
    </message>
    <message>
        <source>Pick the settings (each has a tooltip) and press Train. Watch the loss fall; Use this model puts the result to work. To build your own perceptron, choose Network: MLP, type the hidden neurons per layer (16,16 is two layers of 16) and pick an activation; once it is in use, Inside the network shows its neurons while you draw.</source>
        <translation>Escolha as configurações (cada uma tem uma dica) e clique em Treinar. Veja a perda cair; Usar este modelo põe o resultado para funcionar. Para montar o seu próprio perceptron, escolha Rede: MLP, digite os neurônios ocultos por camada (16,16 são duas camadas de 16) e escolha uma ativação; quando ele estiver em uso, Dentro da rede mostra os neurônios dele enquanto você desenha.</translation>
    </message>
    <message>
        <source>The shipped digit model reads {0} of the {1} MNIST test digits right.</source>
        <translation>O modelo de dígitos original acerta {0} dos {1} dígitos de teste do MNIST.</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>Primeiros passos</translation>
    </message>
    <message>
        <source>The language changes when no training run or learning-rate sweep is active. Finish or cancel it first.</source>
        <translation>O idioma muda quando não há treino nem varredura da taxa de aprendizado em andamento. Termine ou cancele primeiro.</translation>
    </message>
    <message>
        <source>{0} is still training.</source>
        <translation>{0} ainda está treinando.</translation>
    </message>
    <message>
        <source>The learning-rate sweep is still running.</source>
        <translation>A varredura da taxa de aprendizado ainda está em andamento.</translation>
    </message>
    <message>
        <source>Teaching it your handwriting is still going.</source>
        <translation>Ensinar a sua letra ainda está em andamento.</translation>
    </message>
    <message>
        <source>Stop it and close DigitFace? What it learned so far is not kept; the model in use stays as it is.</source>
        <translation>Parar e fechar o DigitFace? O que ele aprendeu até agora não é guardado; o modelo em uso continua como está.</translation>
    </message>
    <message>
        <source>Still learning</source>
        <translation>Ainda aprendendo</translation>
    </message>
    <message>
        <source>not loaded yet</source>
        <translation>ainda não carregado</translation>
    </message>
    <message>
        <source>The shipped digit model&apos;s accuracy is not recorded.</source>
        <translation>A acurácia do modelo de dígitos original não está registrada.</translation>
    </message>
    <message>
        <source>Data and models</source>
        <translation>Dados e modelos</translation>
    </message>
    <message>
        <source>MNIST handwritten digits: Yann LeCun, Corinna Cortes and Christopher J. C. Burges, CC BY-SA 3.0.</source>
        <translation>Dígitos manuscritos do MNIST: Yann LeCun, Corinna Cortes e Christopher J. C. Burges, CC BY-SA 3.0.</translation>
    </message>
    <message>
        <source>Face detection and face embedding models: dlib, by Davis E. King.</source>
        <translation>Modelos de detecção e de codificação (embedding) de rostos: dlib, de Davis E. King.</translation>
    </message>
    <message>
        <source>Yale face database (in tests and figures): Yale University.</source>
        <translation>Base de rostos de Yale (nos testes e figuras): Universidade Yale.</translation>
    </message>
    <message>
        <source>About DigitFace</source>
        <translation>Sobre o DigitFace</translation>
    </message>
</context>
<context>
    <name>ModelLoading</name>
    <message>
        <source>{0} is a face/pet recogniser, not a digit model: use it in the Faces tab ({1})</source>
        <translation>{0} é um reconhecedor de rostos/bichos, não um modelo de dígitos: use-o na aba Rostos ({1})</translation>
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
        <source>each neuron multiplies every number of the layer before by its own weight, adds them up with a bias and squashes the sum: a bright cell is a neuron whose pattern is in your drawing</source>
        <translation>cada neurônio multiplica cada número da camada anterior pelo seu próprio peso, soma tudo com um viés e comprime a soma: uma célula clara é um neurônio cujo padrão está no seu desenho</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>&amp;Limpar</translation>
    </message>
    <message>
        <source>Erase the drawing (Esc or Ctrl+L)</source>
        <translation>Apagar o desenho (Esc ou Ctrl+L)</translation>
    </message>
    <message>
        <source>&amp;Undo stroke</source>
        <translation>Des&amp;fazer traço</translation>
    </message>
    <message>
        <source>Remove the last stroke (Ctrl+Z)</source>
        <translation>Remover o último traço (Ctrl+Z)</translation>
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
        <source>Selected neuron</source>
        <translation>Neurônio selecionado</translation>
    </message>
    <message>
        <source>{0} neurons, {1}</source>
        <translation>{0} neurônios, {1}</translation>
    </message>
    <message>
        <source>{0} neuron, {1}</source>
        <translation>{0} neurônio, {1}</translation>
    </message>
    <message>
        <source>Each cell is one neuron, coloured by its activation</source>
        <translation>Cada célula é um neurônio, com a cor da sua ativação</translation>
    </message>
    <message>
        <source>Click a neuron to see its 784 input weights as a 28×28 picture</source>
        <translation>Clique em um neurônio para ver seus 784 pesos de entrada como uma imagem 28×28</translation>
    </message>
    <message>
        <source>Click a map to enlarge it and see the filter that made it</source>
        <translation>Clique em um mapa para ampliá-lo e ver o filtro que o produziu</translation>
    </message>
    <message>
        <source>Click a neuron of hidden 1 to see its weights.</source>
        <translation>Clique em um neurônio da camada oculta 1 para ver seus pesos.</translation>
    </message>
    <message>
        <source>Probabilities: {0} at {1}</source>
        <translation>Probabilidades: {0} com {1}</translation>
    </message>
    <message>
        <source>Why this digit: gradient × input</source>
        <translation>Por que este dígito: gradiente × entrada</translation>
    </message>
    <message>
        <source>Why a {0}: gradient × input</source>
        <translation>Por que um {0}: gradiente × entrada</translation>
    </message>
    <message>
        <source>Why a {0}: Grad-CAM</source>
        <translation>Por que um {0}: Grad-CAM</translation>
    </message>
    <message>
        <source>{0}, map {1} of {2}: strongest {3}</source>
        <translation>{0}, mapa {1} de {2}: máximo {3}</translation>
    </message>
    <message>
        <source>hidden 1, neuron {0} of {1}: activation {2}</source>
        <translation>oculta 1, neurônio {0} de {1}: ativação {2}</translation>
    </message>
    <message>
        <source>Its 784 weights, one per pixel: ink on red raises its sum, on blue lowers it. This is the pattern it looks for.</source>
        <translation>Seus 784 pesos, um por pixel: tinta no vermelho aumenta a soma, no azul diminui. É o padrão que ele procura.</translation>
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
        <source>hidden {0}</source>
        <translation>oculta {0}</translation>
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
    <name>PeopleDialog</name>
    <message>
        <source>People</source>
        <translation>Pessoas</translation>
    </message>
    <message>
        <source>Nobody is enrolled yet: use Add person… in the Faces tab.</source>
        <translation>Ninguém foi cadastrado ainda: use Adicionar pessoa… na aba Rostos.</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Renomear…</translation>
    </message>
    <message>
        <source>Give the selected person another name</source>
        <translation>Dar outro nome à pessoa selecionada</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Excluir…</translation>
    </message>
    <message>
        <source>Delete the selected person and their photos</source>
        <translation>Excluir a pessoa selecionada e as fotos dela</translation>
    </message>
    <message>
        <source>Add &amp;photos…</source>
        <translation>Adicionar f&amp;otos…</translation>
    </message>
    <message>
        <source>Copy photo files of the selected person into their folder</source>
        <translation>Copiar arquivos de fotos da pessoa selecionada para a pasta dela</translation>
    </message>
    <message>
        <source>Take more photos of the selected person with the camera</source>
        <translation>Tirar mais fotos da pessoa selecionada com a câmera</translation>
    </message>
    <message>
        <source>Add from ca&amp;mera</source>
        <translation>Adicionar da câ&amp;mera</translation>
    </message>
    <message>
        <source>Re&amp;train</source>
        <translation>Re&amp;treinar</translation>
    </message>
    <message>
        <source>Train the recogniser again on everyone listed here</source>
        <translation>Treinar o reconhecedor de novo com todas as pessoas desta lista</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fechar</translation>
    </message>
    <message>
        <source>Close this list</source>
        <translation>Fechar esta lista</translation>
    </message>
    <message>
        <source>{0} — {1} photos</source>
        <translation>{0} — {1} fotos</translation>
    </message>
    <message>
        <source>{0} — {1} photo</source>
        <translation>{0} — {1} foto</translation>
    </message>
    <message>
        <source>Rename {0}</source>
        <translation>Renomear {0}</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Novo nome:</translation>
    </message>
    <message>
        <source>{0} was not renamed: {1}.</source>
        <translation>Não foi possível renomear {0}: {1}.</translation>
    </message>
    <message>
        <source>Delete {0}</source>
        <translation>Excluir {0}</translation>
    </message>
    <message>
        <source>Delete {0} and all their photos? This cannot be undone.</source>
        <translation>Excluir {0} e todas as suas fotos? Isso não pode ser desfeito.</translation>
    </message>
    <message>
        <source>{0} was not deleted: {1}.</source>
        <translation>Não foi possível excluir {0}: {1}.</translation>
    </message>
    <message>
        <source>Photos of {0}</source>
        <translation>Fotos de {0}</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.gif *.bmp *.pgm *.webp)</source>
        <translation>Imagens (*.png *.jpg *.jpeg *.gif *.bmp *.pgm *.webp)</translation>
    </message>
    <message>
        <source>Could not copy the photos of {0}: {1}.</source>
        <translation>Não foi possível copiar as fotos de {0}: {1}.</translation>
    </message>
    <message>
        <source>Added {0} photo; these files were skipped:
{1}</source>
        <translation>{0} foto adicionada; estes arquivos foram ignorados:
{1}</translation>
    </message>
    <message>
        <source>Added {0} photos; these files were skipped:
{1}</source>
        <translation>{0} fotos adicionadas; estes arquivos foram ignorados:
{1}</translation>
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
    <name>RecordPanel</name>
    <message>
        <source>Hold this button (or Space) while the thing is in view: its pictures are saved for training</source>
        <translation>Segure este botão (ou a tecla Espaço) enquanto a coisa estiver à vista: as imagens dela são salvas para o treinamento</translation>
    </message>
    <message>
        <source>Hold to record pict&amp;ures</source>
        <translation>Seg&amp;ure para gravar imagens</translation>
    </message>
    <message>
        <source>D&amp;one</source>
        <translation>Concluir</translation>
    </message>
    <message>
        <source>Stop recording this class</source>
        <translation>Parar de gravar esta classe</translation>
    </message>
    <message>
        <source>could not save a picture in {0}: {1}</source>
        <translation>não foi possível salvar uma imagem em {0}: {1}</translation>
    </message>
    <message>
        <source>{0}: {1} pictures</source>
        <translation>{0}: {1} imagens</translation>
    </message>
    <message>
        <source>{0}: {1} picture</source>
        <translation>{0}: {1} imagem</translation>
    </message>
</context>
<context>
    <name>RunReport</name>
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
        <source>{0} is training: its results appear here when it finishes.</source>
        <translation>{0} está treinando: os resultados aparecem aqui quando terminar.</translation>
    </message>
    <message>
        <source>{0} was cancelled, so it has no results.</source>
        <translation>{0} foi cancelado, então não tem resultados.</translation>
    </message>
    <message>
        <source>{0} failed, so it has no results.</source>
        <translation>{0} falhou, então não tem resultados.</translation>
    </message>
    <message>
        <source>These are the results of {0}.</source>
        <translation>Estes são os resultados de {0}.</translation>
    </message>
    <message>
        <source>Choose another finished run under Model to use to see its results.</source>
        <translation>Escolha outro treino concluído em Modelo a usar para ver os resultados dele.</translation>
    </message>
    <message>
        <source>Results are kept for the runs finished since the app started.</source>
        <translation>Os resultados ficam guardados para os treinos concluídos desde que o app foi aberto.</translation>
    </message>
    <message>
        <source>No validation images: every class needs at least 5 images for a split.</source>
        <translation>Sem imagens de validação: cada classe precisa de ao menos 5 imagens para separar a validação.</translation>
    </message>
    <message>
        <source>no validation images</source>
        <translation>sem imagens de validação</translation>
    </message>
    <message>
        <source>is {0}</source>
        <translation>é {0}</translation>
    </message>
    <message>
        <source>is {0}, said {1} ({2})</source>
        <translation>é {0}, disse {1} ({2})</translation>
    </message>
    <message>
        <source>Skipped ({0})</source>
        <translation>Ignoradas ({0})</translation>
    </message>
</context>
<context>
    <name>SourceBox</name>
    <message>
        <source>Camera {0}</source>
        <translation>Câmera {0}</translation>
    </message>
</context>
<context>
    <name>TrainingSettings</name>
    <message>
        <source>Digits (MNIST)</source>
        <translation>Dígitos (MNIST)</translation>
    </message>
    <message>
        <source>Folder of images</source>
        <translation>Pasta de imagens</translation>
    </message>
    <message>
        <source>What to train on: MNIST&apos;s handwritten digits, or a folder of your own with one sub-folder of images per class</source>
        <translation>O que usar no treino: os dígitos manuscritos do MNIST, ou uma pasta sua com uma subpasta de imagens por classe</translation>
    </message>
    <message>
        <source>choose a folder…</source>
        <translation>escolha uma pasta…</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Procurar…</translation>
    </message>
    <message>
        <source>Choose the folder with one sub-folder of images per class</source>
        <translation>Escolher a pasta com uma subpasta de imagens por classe</translation>
    </message>
    <message>
        <source>Passes over the whole training set. More can learn more, or overfit.</source>
        <translation>Passadas pelo conjunto de treino inteiro. Mais épocas podem aprender mais, ou sobreajustar.</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source>Examples per gradient step. Small: noisy steps; large: smooth but fewer.</source>
        <translation>Exemplos por passo do gradiente. Pequeno: passos ruidosos; grande: suaves, mas em menor número.</translation>
    </message>
    <message>
        <source>Step size of gradient descent. Too high overshoots or diverges, too low crawls. The learning-rate finder suggests one.</source>
        <translation>Tamanho do passo da descida do gradiente. Alta demais passa do ponto ou diverge; baixa demais, o treino se arrasta. O localizador de taxa de aprendizado sugere uma.</translation>
    </message>
    <message>
        <source>CNN (convolutional)</source>
        <translation>CNN (convolucional)</translation>
    </message>
    <message>
        <source>MLP (multilayer perceptron)</source>
        <translation>MLP (perceptron multicamadas)</translation>
    </message>
    <message>
        <source>CNN: small filters slide over the image and find strokes wherever they are. MLP: every neuron sees all 784 pixels at once; the network of the first lectures.</source>
        <translation>CNN: pequenos filtros deslizam sobre a imagem e encontram traços onde quer que estejam. MLP: cada neurônio vê todos os 784 pixels de uma vez; a rede das primeiras aulas.</translation>
    </message>
    <message>
        <source>Hidden layers, as neurons per layer separated by commas: 16,16 is two layers of 16. A neuron adds up its weighted inputs and passes the sum through the activation; a hidden layer is a row of neurons between the pixels and the ten digits.</source>
        <translation>Camadas ocultas, como neurônios por camada separados por vírgulas: 16,16 são duas camadas de 16. Um neurônio soma suas entradas ponderadas e passa a soma pela função de ativação; uma camada oculta é uma fileira de neurônios entre os pixels e os dez dígitos.</translation>
    </message>
    <message>
        <source>Activation: the function a neuron applies to its sum. sigmoid squashes to 0…1 and its slope is at most 0.25, so in deep networks gradients shrink layer by layer; tanh squashes to −1…1; relu keeps positive sums as they are and passes gradients undamped.</source>
        <translation>Ativação: a função que um neurônio aplica à sua soma. A sigmoid comprime para 0…1 e sua inclinação é no máximo 0,25, então em redes profundas os gradientes encolhem camada a camada; a tanh comprime para −1…1; a relu mantém as somas positivas como estão e passa os gradientes sem amortecer.</translation>
    </message>
    <message>
        <source>Show &amp;gradient flow</source>
        <translation>Mostrar fluxo do &amp;gradiente</translation>
    </message>
    <message>
        <source>While training, plot how strongly each layer is told to change (its gradient norm) and how much its weights actually change per step. If the first layers&apos; lines lie far below the last ones&apos;, the gradient vanishes on its way back and those layers hardly learn. It costs some time per batch.</source>
        <translation>Durante o treino, traçar com que força cada camada é mandada mudar (a norma do seu gradiente) e quanto os seus pesos de fato mudam a cada passo. Se as linhas das primeiras camadas ficam muito abaixo das linhas das últimas, o gradiente desaparece no caminho de volta e essas camadas quase não aprendem. Custa algum tempo por lote.</translation>
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
        <source>Show the network varied copies (rotated, shifted, thicker strokes) of each image. Digits: also typed and hand-drawn digits like the canvas&apos;s ({0} more images). Folders: for CNNs that see pictures (scratch, fine-tuning), not frozen features.</source>
        <translation>Mostrar à rede cópias variadas (giradas, deslocadas, com traço mais grosso) de cada imagem. Dígitos: também dígitos digitados e desenhados à mão como os da tela ({0} a mais de imagens). Pastas: para CNNs que veem imagens (do zero, ajuste fino), não para características congeladas.</translation>
    </message>
    <message>
        <source>Random seed: the same seed and settings give the same run.</source>
        <translation>Semente aleatória: a mesma semente e as mesmas configurações dão o mesmo treino.</translation>
    </message>
    <message>
        <source>Transfer learning: start from a pretrained feature extractor ({0}, {1}) or train a small CNN from scratch ({2}).</source>
        <translation>Aprendizado por transferência: partir de um extrator de características pré-treinado ({0}, {1}) ou treinar uma CNN pequena sem pré-treino ({2}).</translation>
    </message>
    <message>
        <source>Transfer learning: also retrain the backbone&apos;s top N layers.</source>
        <translation>Aprendizado por transferência: retreinar também as N camadas superiores do backbone.</translation>
    </message>
    <message>
        <source>Use only the first N training images (0: all). For quick tries.</source>
        <translation>Usar só as N primeiras imagens de treino (0: todas). Para testes rápidos.</translation>
    </message>
    <message>
        <source>all</source>
        <translation>todas</translation>
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
        <source>Network</source>
        <translation>Rede</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>Camadas ocultas</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Função de ativação</translation>
    </message>
    <message>
        <source>Gradient flow</source>
        <translation>Fluxo do gradiente</translation>
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
        <source>MNIST: 60,000 training images of 10 digits (a share held out for validation).</source>
        <translation>MNIST: 60.000 imagens de treino de 10 dígitos (uma fração reservada para validação).</translation>
    </message>
    <message>
        <source>Above {0} is very high for {1}: the loss may jump about (overshoot) or become NaN (diverge).</source>
        <translation>Acima de {0} é muito alta para {1}: a perda pode pular de um lado para o outro (passar do ponto) ou virar NaN (divergir).</translation>
    </message>
    <message>
        <source>Hidden layers: write neurons per layer separated by commas, e.g. 16,16 (each at least 1).</source>
        <translation>Camadas ocultas: escreva os neurônios por camada separados por vírgulas, por exemplo 16,16 (cada um pelo menos 1).</translation>
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
</context>
<context>
    <name>TrainingTab</name>
    <message>
        <source>Train twice on the same images with the same epochs: a head on a pretrained backbone, then a CNN from scratch. Both curves and accuracies side by side.</source>
        <translation>Treinar duas vezes com as mesmas imagens e as mesmas épocas: uma cabeça sobre um backbone pré-treinado e depois uma CNN do zero. As duas curvas e acurácias lado a lado.</translation>
    </message>
    <message>
        <source>What to train, and how</source>
        <translation>O que treinar, e como</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Pronto.</translation>
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
        <source>Finished: {0}. The model in use is unchanged until you accept this one.</source>
        <translation>Concluído: {0}. O modelo em uso não muda até você aceitar este.</translation>
    </message>
    <message>
        <source>Train with these settings, in a separate process</source>
        <translation>Treinar com estas configurações, em um processo separado</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Stop the run within a second, whatever it is doing; the model in use stays</source>
        <translation>Parar o treino em menos de um segundo, faça ele o que fizer; o modelo em uso continua</translation>
    </message>
    <message>
        <source>Transfer vs &amp;scratch</source>
        <translation>Transferência vs do &amp;zero</translation>
    </message>
    <message>
        <source>Learning rate set to {0}, as the finder suggests.</source>
        <translation>Taxa de aprendizado definida como {0}, como o localizador sugere.</translation>
    </message>
    <message>
        <source>Learning-rate sweep done: suggested rate {0}.</source>
        <translation>Varredura da taxa de aprendizado concluída: taxa sugerida {0}.</translation>
    </message>
    <message>
        <source>epoch {0}/{1}, batch {2}/{3}, {4} examples/s, ETA {5}</source>
        <translation>época {0}/{1}, lote {2}/{3}, {4} exemplos/s, faltam {5}</translation>
    </message>
    <message>
        <source>training accuracy {0}</source>
        <translation>acurácia de treino {0}</translation>
    </message>
    <message>
        <source>validation accuracy {0}</source>
        <translation>acurácia de validação {0}</translation>
    </message>
    <message>
        <source>test accuracy {0}</source>
        <translation>acurácia de teste {0}</translation>
    </message>
    <message>
        <source>took {0} s</source>
        <translation>levou {0} s</translation>
    </message>
    <message>
        <source>validation {0}</source>
        <translation>validação {0}</translation>
    </message>
    <message>
        <source>The finished runs of this kind whose model can be used</source>
        <translation>Os treinos concluídos deste tipo cujo modelo pode ser usado</translation>
    </message>
    <message>
        <source>&amp;Use this model</source>
        <translation>&amp;Usar este modelo</translation>
    </message>
    <message>
        <source>T&amp;rain</source>
        <translation>Trei&amp;nar</translation>
    </message>
    <message>
        <source>Put the chosen run&apos;s model to work in the Digits or Faces tab</source>
        <translation>Pôr o modelo do treino escolhido para funcionar na aba Dígitos ou Rostos</translation>
    </message>
    <message>
        <source>Model to use</source>
        <translation>Modelo a usar</translation>
    </message>
    <message>
        <source>Learning curves</source>
        <translation>Curvas</translation>
    </message>
    <message>
        <source>Learning-rate finder</source>
        <translation>Taxa de aprendizado</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Resultados</translation>
    </message>
    <message>
        <source>Finding a learning rate…</source>
        <translation>Procurando uma taxa de aprendizado…</translation>
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
        <source>Transfer vs scratch: {0} epoch each on the same images…</source>
        <translation>Transferência vs do zero: {0} época cada, com as mesmas imagens…</translation>
    </message>
    <message>
        <source>Transfer vs scratch, {0} epoch each on the same images: {1}</source>
        <translation>Transferência vs do zero, {0} época cada, com as mesmas imagens: {1}</translation>
    </message>
    <message>
        <source>Could not use this model: {0}</source>
        <translation>Não foi possível usar este modelo: {0}</translation>
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
        <source>no validation split</source>
        <translation>sem validação</translation>
    </message>
    <message>
        <source>Transfer vs scratch, {0} epochs each on the same images: {1}</source>
        <translation>Transferência vs do zero, {0} épocas cada, com as mesmas imagens: {1}</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>camera {0}</source>
        <translation>a câmera {0}</translation>
    </message>
    <message>
        <source>image folder {0}</source>
        <translation>a pasta de imagens {0}</translation>
    </message>
    <message>
        <source>video file {0}</source>
        <translation>o arquivo de vídeo {0}</translation>
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
        <source>Drawing canvas-like digits…</source>
        <translation>Desenhando dígitos como os da tela…</translation>
    </message>
    <message>
        <source>Drawing letters, shapes and scribbles…</source>
        <translation>Desenhando letras, formas e rabiscos…</translation>
    </message>
    <message>
        <source>Training on {0} image, validating on {1}…</source>
        <translation>Treinando com {0} imagem, validando com {1}…</translation>
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
        <source>class folder {0} is named &apos;{1}&apos;, which is what the recogniser answers for strangers: rename it (only an evaluation folder may hold strangers under that name)</source>
        <translation>a pasta de classe {0} se chama &apos;{1}&apos;, que é o que o reconhecedor responde para desconhecidos: renomeie-a (só uma pasta de avaliação pode guardar desconhecidos com esse nome)</translation>
    </message>
    <message>
        <source>class &apos;{0}&apos; cannot be trained: rename it</source>
        <translation>a classe &apos;{0}&apos; não pode ser treinada: renomeie-a</translation>
    </message>
    <message>
        <source>class &apos;{0}&apos; has only {1} image; {2} or more work better</source>
        <translation>a classe &apos;{0}&apos; tem só {1} imagem; {2} ou mais funcionam melhor</translation>
    </message>
    <message>
        <source>class &apos;{0}&apos; has only {1} images; {2} or more work better</source>
        <translation>a classe &apos;{0}&apos; tem só {1} imagens; {2} ou mais funcionam melhor</translation>
    </message>
    <message>
        <source>skipped {0} file that is not a readable image</source>
        <translation>{0} arquivo ignorado: não é uma imagem legível</translation>
    </message>
    <message>
        <source>skipped {0} files that are not readable images</source>
        <translation>{0} arquivos ignorados: não são imagens legíveis</translation>
    </message>
    <message>
        <source>{0} images in {1} classes from {2}</source>
        <translation>{0} imagens em {1} classes de {2}</translation>
    </message>
    <message>
        <source>{1} image of {0}</source>
        <translation>{1} imagem de {0}</translation>
    </message>
    <message>
        <source>{1} images of {0}</source>
        <translation>{1} imagens de {0}</translation>
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
        <source>{0} has no class folders (one per person, pet or thing)</source>
        <translation>{0} não tem pastas de classe (uma por pessoa, bicho ou coisa)</translation>
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
        <source>Reading pictures: {0}/{1} ({2:.1f} images/s)</source>
        <translation>Lendo imagens: {0}/{1} ({2:.1f} imagens/s)</translation>
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
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source>face</source>
        <translation>rosto</translation>
    </message>
    <message>
        <source>imagenet</source>
        <translation>ImageNet</translation>
    </message>
    <message>
        <source>scratch</source>
        <translation>do zero</translation>
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
        <source>warning: class &apos;{0}&apos; has {1} training image and the largest {2}: its image weighs more in training so that every class counts the same; more photos of it would help</source>
        <translation>aviso: a classe &apos;{0}&apos; tem {1} imagem de treino e a maior, {2}: a imagem dela pesa mais no treino para que todas as classes contem igualmente; mais fotos dela ajudariam</translation>
    </message>
    <message>
        <source>warning: class &apos;{0}&apos; has {1} training images and the largest {2}: its images weigh more in training so that every class counts the same; more photos of it would help</source>
        <translation>aviso: a classe &apos;{0}&apos; tem {1} imagens de treino e a maior, {2}: as imagens dela pesam mais no treino para que todas as classes contem igualmente; mais fotos dela ajudariam</translation>
    </message>
    <message>
        <source>Training the {0} classifier on {1} images…</source>
        <translation>Treinando o classificador ({0}) com {1} imagens…</translation>
    </message>
    <message>
        <source>note: a CNN trained from scratch on a small folder is a rough guess (often 50–80% right); the pretrained ImageNet backbone does much better. Run &apos;digitface faces fetch-weights&apos; once while online to keep its weights on this computer, then train again.</source>
        <translation>nota: uma CNN treinada do zero numa pasta pequena é um palpite grosseiro (muitas vezes 50–80% de acerto); a base pré-treinada na ImageNet se sai muito melhor. Rode &apos;digitface faces fetch-weights&apos; uma vez com internet para guardar os pesos dela neste computador e treine de novo.</translation>
    </message>
    <message>
        <source>Fine-tuning the top {0} backbone layer…</source>
        <translation>Ajuste fino da camada superior do backbone ({0})…</translation>
    </message>
    <message>
        <source>the name is empty</source>
        <translation>o nome está vazio</translation>
    </message>
    <message>
        <source>&quot;unknown&quot; is the word for strangers</source>
        <translation>&quot;unknown&quot; é a palavra para desconhecidos</translation>
    </message>
    <message>
        <source>&quot;{0}&quot; is not a valid folder name; avoid / \ : * ? &quot; &lt; &gt; |</source>
        <translation>&quot;{0}&quot; não é um nome de pasta válido; evite / \ : * ? &quot; &lt; &gt; |</translation>
    </message>
    <message>
        <source>{0} is already enrolled</source>
        <translation>já existe alguém cadastrado como {0}</translation>
    </message>
    <message>
        <source>{0} is not enrolled</source>
        <translation>ninguém está cadastrado como {0}</translation>
    </message>
    <message>
        <source>loss diverged (became {0} at epoch {1}, batch {2}): the learning rate is too high. Try one ten times lower; nothing was saved.</source>
        <translation>a perda divergiu (virou {0} na época {1}, lote {2}): a taxa de aprendizado está alta demais. Tente uma dez vezes menor; nada foi salvo.</translation>
    </message>
    <message>
        <source>the feature cache {0} is a folder, not a file: features are not cached</source>
        <translation>o cache de características {0} é uma pasta, não um arquivo: as características não serão guardadas em cache</translation>
    </message>
    <message>
        <source>the feature cache {0} is damaged ({1}): computing features again</source>
        <translation>o cache de características {0} está danificado ({1}): calculando as características de novo</translation>
    </message>
    <message>
        <source>the feature cache {0} was made by another model or version: computing features again</source>
        <translation>o cache de características {0} foi feito por outro modelo ou versão: calculando as características de novo</translation>
    </message>
    <message>
        <source>could not write the feature cache {0}: {1}</source>
        <translation>não foi possível gravar o cache de características {0}: {1}</translation>
    </message>
    <message>
        <source>skipped {0} picture that could not be used:</source>
        <translation>{0} imagem ignorada, que não pôde ser usada:</translation>
    </message>
    <message>
        <source>skipped {0} pictures that could not be used:</source>
        <translation>{0} imagens ignoradas, que não puderam ser usadas:</translation>
    </message>
    <message>
        <source>  … and {0} more</source>
        <translation>  … e mais {0}</translation>
    </message>
    <message>
        <source>Teaching needs at least {0} drawings of yours; {1} kept so far: correct {2} more first.</source>
        <translation>Para ensinar, são necessários pelo menos {0} desenhos seus (guardados até agora: {1}): corrija mais {2} antes.</translation>
    </message>
    <message>
        <source>Reading your drawings…</source>
        <translation>Lendo seus desenhos…</translation>
    </message>
    <message>
        <source>Scoring the model before teaching…</source>
        <translation>Avaliando o modelo antes de ensinar…</translation>
    </message>
    <message>
        <source>Teaching on {0} drawings of yours mixed with {1:,} MNIST digits…</source>
        <translation>Ensinando com {0} desenhos seus misturados com {1:,} dígitos do MNIST…</translation>
    </message>
    <message>
        <source>Scoring the taught model…</source>
        <translation>Avaliando o modelo ensinado…</translation>
    </message>
    <message>
        <source>lr {0:g}</source>
        <translation>taxa {0:g}</translation>
    </message>
    <message>
        <source>b{0}</source>
        <translation>lote {0}</translation>
    </message>
    <message>
        <source>drop {0:g}</source>
        <translation>dropout {0:g}</translation>
    </message>
    <message>
        <source>L2 {0:g}</source>
        <translation>L2 {0:g}</translation>
    </message>
    <message>
        <source>smooth {0:g}</source>
        <translation>suaviz. {0:g}</translation>
    </message>
    <message>
        <source>no aug</source>
        <translation>sem aumento</translation>
    </message>
    <message>
        <source>{0} is the model being exported: choose another name for the export</source>
        <translation>{0} é o modelo que está sendo exportado: escolha outro nome para a exportação</translation>
    </message>
    <message>
        <source>a {0} export is a file whose name ends in {1}, not &apos;{2}&apos;</source>
        <translation>uma exportação {0} é um arquivo cujo nome termina em {1}, não &apos;{2}&apos;</translation>
    </message>
    <message>
        <source>{0} already exists and is not an earlier SavedModel export; choose a new folder name (nothing was changed)</source>
        <translation>{0} já existe e não é uma exportação SavedModel anterior; escolha um nome de pasta novo (nada foi alterado)</translation>
    </message>
    <message>
        <source>{0} is a folder; a {1} export is a file such as {2}</source>
        <translation>{0} é uma pasta; uma exportação {1} é um arquivo, como {2}</translation>
    </message>
    <message>
        <source>{0} is a file, not a folder, so nothing can be written under it</source>
        <translation>{0} é um arquivo, não uma pasta; nada pode ser gravado dentro dele</translation>
    </message>
    <message>
        <source>cannot write an export in {0}: {1}</source>
        <translation>não é possível gravar uma exportação em {0}: {1}</translation>
    </message>
</context>
</TS>
