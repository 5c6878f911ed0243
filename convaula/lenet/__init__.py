"""A ala da LeNet-5 (notebook 08): dados, modelos, passo de otimização, laço de treino,
interpretação e gráficos.

- ``dados``: Fashion-MNIST pelo torchvision, ou o substituto sintético no mesmo formato;
- ``modelos``: ``LeNet5``, a variante sem subamostragem e as formas esperadas de cada camada;
- ``passo``: o passo de otimização (grafo CUDA, bf16, ``channels_last`` e compilação opcionais);
- ``treino``: lotes no dispositivo, épocas, avaliação, histórico e checkpoints;
- ``interpretacao``: saídas das camadas num lote, exemplos errados e sensibilidade à oclusão;
- ``graficos``: curvas, matriz de confusão, filtros, mapas, erros, oclusão e histogramas;
- ``modernas``: os blocos das CNNs de hoje e a ``RedeModerna`` (notebook 09).

Esta ala usa o núcleo (``convaula.formulas``) e nunca a ala de desenho; os gráficos usam o
matplotlib diretamente. Importe os submódulos: ``from convaula.lenet import dados, treino``.
"""
