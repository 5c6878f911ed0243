"""A convolução e a sua transposta lado a lado (como os pares do conv_arithmetic).

Quatro grades numa linha: a entrada x (n×n), a saída da convolução y (menor), a entrada da
transposta vista como convolução comum (y com s − 1 zeros inseridos entre os valores e
k − 1 − p zeros de preenchimento em volta, mais o ``output_padding`` no fim) e a saída da
transposta z, que volta ao tamanho n. Opcionalmente, z mostra quantas cópias do núcleo caem
em cada posição (a contagem de sobreposição que explica o padrão de xadrez).

Função pura: os tensores vêm calculados (``convaula.transposta``) e nada é refeito aqui.
Notebook 05.
"""

from __future__ import annotations

import torch
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch

from .base import COR_ENTRADA, COR_PADDING, COR_SAIDA, eixos, fonte_celula, grade_celulas, rgba, textos_celulas
from .esquemas import Esquema

__all__ = ["COR_ZERO_INSERIDO", "desenhar_par_transposta"]

COR_ZERO_INSERIDO = "#fce5cd"
COR_CONTAGEM = "#990000"


def desenhar_par_transposta(x: torch.Tensor, y: torch.Tensor, inserida: torch.Tensor, tipos: torch.Tensor,
                            z: torch.Tensor, contagens: torch.Tensor | None = None,
                            ax: Axes | None = None) -> Esquema:
    """Desenha x → y (convolução) e y com zeros inseridos → z (transposta), lado a lado.

    Parâmetros
    ----------
    x, y, z : entrada, saída da convolução e saída da transposta (2D).
    inserida : a entrada da transposta vista como convolução comum (2D).
    tipos : mesma forma de ``inserida``: 1 = valor de y, 0 = zero inserido, −1 = preenchimento.
    contagens : contagem de sobreposição (forma de z) para escrever em cada célula, ou ``None``.

    Retorna ``Esquema`` com ``artistas["contagens"]`` (textos, vazio sem contagens). Usado por
    ``explorar_par_transposta`` (notebook 05).
    """
    grades = [x, y, inserida, z]
    inicios, posicao = [], 0.0
    for grade in grades:
        inicios.append(posicao)
        posicao += grade.shape[1] + 2.2
    largura, altura = posicao - 2.2, max(g.shape[0] for g in grades) + 1.4
    ax = eixos(ax, largura, altura)
    fonte = fonte_celula(ax, largura, altura)
    cores_inserida = rgba(COR_PADDING, tuple(tipos.shape))
    cores_inserida[(tipos == 0).numpy()] = rgba(COR_ZERO_INSERIDO, (1,))[0]
    cores_inserida[(tipos == 1).numpy()] = rgba(COR_SAIDA, (1,))[0]
    cores = [rgba(COR_ENTRADA, tuple(x.shape)), rgba(COR_SAIDA, tuple(y.shape)), cores_inserida,
             rgba(COR_ENTRADA, tuple(z.shape))]
    rotulos = [f"x: {x.shape[0]}×{x.shape[1]}", f"conv → y: {y.shape[0]}×{y.shape[1]}",
               "y com zeros inseridos\ne preenchimento", f"transposta → z: {z.shape[0]}×{z.shape[1]}"]
    for grade, x0, cor, rotulo in zip(grades, inicios, cores, rotulos):
        grade_celulas(ax, x0, 1.2, cor)
        textos_celulas(ax, x0, 1.2, grade.numpy(), 0.8 * fonte)
        ax.text(x0 + grade.shape[1] / 2, 1.0, rotulo, ha="center", va="bottom", fontsize=0.8 * fonte)
    for indice in (0, 2):
        fim = inicios[indice] + grades[indice].shape[1]
        ax.add_patch(FancyArrowPatch((fim + 0.2, 1.2 + 0.5), (inicios[indice + 1] - 0.2, 1.2 + 0.5),
                                     arrowstyle="-|>", mutation_scale=12, color="0.3"))
    textos = []
    if contagens is not None:
        for (r, c), valor in zip(torch.cartesian_prod(*(torch.arange(v) for v in z.shape)).tolist(),
                                 contagens.reshape(-1).tolist()):
            textos.append(ax.text(inicios[3] + c + 0.95, 1.2 + r + 0.95, f"×{valor}", ha="right", va="bottom",
                                  fontsize=0.5 * fonte, color=COR_CONTAGEM))
    return Esquema(ax, {"contagens": textos}, {"inserida": inserida, "z": z})
