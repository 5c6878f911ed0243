"""Desenho e interação: figuras, animações, a tabela de figuras e os exploradores (anywidget).

A única ala de convaula que importa matplotlib para desenhar e ipywidgets; o núcleo
(``formulas``, ``janela``, ``matriz``, ``transposta``, ``separaveis``) calcula, esta ala mostra.

- ``conv``, ``transposta``: a janela do núcleo andando (1D, 2D) e o espalhamento da transposta;
- ``esquemas``, ``arquiteturas``: a matriz da convolução, vários canais, separável, LeNet-5;
- ``animacao``, ``figuras``: GIFs e a tabela de ``figures/`` (``python -m convaula.desenho.figuras``);
- ``par_transposta``: a convolução e a sua transposta lado a lado;
- ``exploradores``: o estado de cada explorador (sem widgets, ``cena()`` em JSON) e o widget
  (anywidget: o navegador desenha e responde ao ponteiro) que o mostra:
  tamanho 1D/2D/transposta (com ponteiro no 2D), laboratório de núcleos sobre a foto, canais,
  transposta ao lado da convolução.

Uso nos notebooks: ``from convaula.desenho import explorar_conv2d``.
Importar não tem efeitos colaterais (nada de rcParams, pyplot ou sementes).
"""

from .animacao import animar, animar_conv1d, animar_conv2d, animar_transposta2d, salvar_gif
from .arquiteturas import camadas_lenet5, desenhar_lenet5, desenhar_separavel
from .base import formatar, inteiros_exemplo
from .conv import desenhar_conv1d, desenhar_conv2d
from .esquemas import desenhar_matriz_conv, desenhar_multicanal
from .exploradores.canais_widget import explorar_canais
from .exploradores.nucleos_widget import explorar_nucleos
from .exploradores.par_widget import explorar_par_transposta
from .exploradores.tamanho_widget import explorar_conv1d, explorar_conv2d, explorar_transposta
from .transposta import desenhar_transposta2d

__all__ = [
    "animar", "animar_conv1d", "animar_conv2d", "animar_transposta2d", "salvar_gif",
    "camadas_lenet5", "desenhar_lenet5", "desenhar_separavel",
    "formatar", "inteiros_exemplo",
    "desenhar_conv1d", "desenhar_conv2d",
    "desenhar_matriz_conv", "desenhar_multicanal",
    "explorar_canais", "explorar_conv1d", "explorar_conv2d", "explorar_nucleos", "explorar_par_transposta",
    "explorar_transposta",
    "desenhar_transposta2d",
]
