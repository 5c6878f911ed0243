"""convaula: o pacote de apoio do curso de camadas de convolução em PyTorch.

O pacote tem três alas, mais os exercícios, e as setas de importação só apontam para o núcleo
(os exercícios também podem usar o desenho):

- o **núcleo** (só ``torch``): ``formulas`` (tamanhos de saída e validação, sem ``torch``),
  ``receptivo`` (campo receptivo: tamanho, espaçamento, início), ``janela`` (que células a
  janela lê), ``matriz`` (a convolução como matriz), ``transposta``, ``separaveis``,
  ``propriedades`` (composição de núcleos, equivariância, ``padding_mode``), ``subamostragem``,
  ``reais`` (a foto e os sinais que vêm com o matplotlib), ``contagem`` (parâmetros e FLOPs),
  ``funcionais`` (as convoluções do torch por dimensão), ``config`` (as variáveis
  ``CONVAULA_*``) e ``_argumentos`` (normalização e conferência dos argumentos);
- **desenho e interação** (``convaula.desenho``): desenhos matplotlib, animações, a tabela
  de figuras e os exploradores ipywidgets; a única ala que importa ``ipywidgets``;
- **LeNet** (``convaula.lenet``): dados, modelos, passo e laço de treino, gráficos (notebook 08);
- **exercícios** (``convaula.exercicios``): perguntas conferidas com diagnóstico.

As alas pesadas são importadas explicitamente pelos notebooks, por exemplo
``from convaula.lenet import treino``.

Importar o pacote não tem efeitos colaterais (nada de sementes, rcParams ou downloads).
"""

from .ambiente import preparar
from .formulas import (
    output_padding_para,
    padding_same,
    tamanho_saida,
    tamanho_saida_pool,
    tamanho_saida_transposta,
)
from .matriz import matriz_conv, matriz_conv1d, matriz_conv2d
from .receptivo import campo_receptivo, campos_receptivos

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
