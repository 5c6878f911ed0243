"""convaula: o pacote de apoio do curso de camadas de convolução em PyTorch.

Cada módulo cuida de um conceito:

- ``formulas``: tamanhos de saída (convolução, transposta, subamostragem) e campo receptivo;
- ``matriz``: a convolução escrita como uma matriz densa;
- ``desenho``, ``animacao``, ``widgets``, ``figuras``: visualizações e exploradores;
- ``dados``, ``modelos``, ``treino``: Fashion-MNIST, LeNet-5 e o laço de treino.

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
