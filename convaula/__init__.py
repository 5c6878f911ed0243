"""convaula: o pacote de apoio do curso de camadas de convolução em PyTorch.

Cada módulo cuida de um conceito:

- ``formulas``: tamanhos de saída (convolução, transposta, subamostragem) e campo receptivo;
- ``matriz``: a convolução escrita como uma matriz densa;
- ``transposta``, ``separaveis``: as três visões da transposta, a deconvolução de verdade,
  o teste de separabilidade pelo posto e o bloco *depthwise separable*;
- ``janela``: que células a janela do núcleo lê (a regra de índices, uma vez só);
- ``desenho`` (subpacote): desenhos, animações, exploradores ipywidgets e a tabela de figuras;
- ``dados``, ``modelos``, ``passo``, ``treino``, ``graficos``: Fashion-MNIST (e o substituto
  sintético), LeNet-5, o passo de treino, o laço de treino e os gráficos do notebook 07.

Os submódulos pesados (widgets, dados, treino...) são importados explicitamente pelos
notebooks, por exemplo ``from convaula.desenho import explorar_conv2d``.

Importar o pacote não tem efeitos colaterais (nada de sementes, rcParams ou downloads).
"""

from .ambiente import preparar
from .formulas import (
    campo_receptivo,
    campos_receptivos,
    output_padding_para,
    padding_same,
    tamanho_saida,
    tamanho_saida_pool,
    tamanho_saida_transposta,
)
from .matriz import matriz_conv, matriz_conv1d, matriz_conv2d

__all__ = [
    "preparar",
    "campo_receptivo",
    "campos_receptivos",
    "matriz_conv",
    "matriz_conv1d",
    "matriz_conv2d",
    "output_padding_para",
    "padding_same",
    "tamanho_saida",
    "tamanho_saida_pool",
    "tamanho_saida_transposta",
]
__version__ = "0.1.0"
