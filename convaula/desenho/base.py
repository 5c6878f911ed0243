"""Base dos desenhos de convaula: grades de células, textos, cores e a classe ``Desenho``.

``Desenho`` guarda as posições válidas e os artistas animados, move a janela com
``mostrar(posicao)`` e sabe redesenhar só o que muda (blitting no Agg), o que as animações
e os exploradores usam. Os desenhos concretos estão em ``conv`` (1D e 2D), ``transposta``
e ``esquemas``; ``imagem_rgba`` é o único lugar que converte um canvas Agg em imagem.
"""

from __future__ import annotations

from io import BytesIO
from typing import Sequence, Union

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from PIL import Image

from .._argumentos import tensor

__all__ = ["Desenho", "eixos", "fonte_celula", "fonte_da_conta", "formatar", "grade_celulas", "imagem_rgba",
           "inteiros_exemplo", "png_da_figura", "png_rapido", "quadrados", "quebrar", "rgba",
           "tensor_desenho", "textos_celulas"]

Par = Union[int, Sequence[int]]

COR_ENTRADA = "#cfe2f3"
COR_PADDING = "#f3f3f3"
COR_JANELA = "#3d85c6"
COR_SAIDA = "#d9ead3"
COR_ATUAL = "#6aa84f"
COR_PENDENTE = "#fafafa"


# ---------------------------------------------------------------------------
# Auxiliares comuns
# ---------------------------------------------------------------------------

def tensor_desenho(nome: str, valor, ndim: int) -> torch.Tensor:
    """Confere que ``valor`` é um tensor não vazio com ``ndim`` dimensões e o devolve em float64."""
    valor = tensor(nome, valor, ndim, ndim)
    if valor.numel() == 0:
        raise ValueError(f"{nome} não pode ser vazio, mas tem forma {tuple(valor.shape)}")
    return valor.detach().to(torch.float64).cpu()


def inteiros_exemplo(forma: tuple[int, ...], semente: int = 0, maximo: int = 10) -> torch.Tensor:
    """Tensor float64 de inteiros em [0, maximo), reprodutível, com gerador próprio.

    Não mexe na semente global do torch. Usado pelos exploradores e por ``convaula.desenho.figuras``.
    """
    gerador = torch.Generator().manual_seed(semente)
    return torch.randint(0, maximo, tuple(forma), generator=gerador).to(torch.float64)


def formatar(valor: float) -> str:
    """Escreve ``valor`` como inteiro quando ele é inteiro, senão com uma casa decimal."""
    if abs(valor - round(valor)) < 1e-9:
        return str(int(round(valor)))
    return f"{valor:.1f}"


def eixos(ax: Axes | None, largura: float, altura: float, polegadas: float = 0.42) -> Axes:
    """Devolve ``ax`` ou cria uma figura Agg (sem pyplot) do tamanho do desenho."""
    if ax is None:
        fig = Figure(figsize=(max(largura * polegadas, 2.0), max(altura * polegadas, 1.0)), dpi=72)
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-0.1, largura + 0.1)
    ax.set_ylim(altura + 0.1, -0.1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax


def fonte_celula(ax: Axes, largura: float, altura: float, fracao: float = 0.4) -> float:
    """Tamanho de fonte (pontos) proporcional ao lado de uma célula de 1 unidade."""
    return float(np.clip(fracao * pontos_por_unidade(ax, largura, altura), 3.0, 16.0))


def pontos_por_unidade(ax: Axes, largura: float, altura: float) -> float:
    """Quantos pontos tipográficos mede uma unidade de dados (aspecto igual)."""
    fig = ax.figure
    pos = ax.get_position()
    return 72 * min(pos.width * fig.get_figwidth() / largura, pos.height * fig.get_figheight() / altura)


CARACTERES_POR_UNIDADE = 4.0  # com a fonte de fonte_celula (0,4 da célula), cabem ~4 caracteres por célula


def quebrar(partes: list[str], capacidade: int, separador: str = " + ") -> str:
    """Junta ``partes`` com ``separador``, quebrando linhas com no máximo ``capacidade`` caracteres."""
    linhas, atual = [], ""
    for parte in partes:
        candidato = atual + separador + parte if atual else parte
        if atual and len(candidato) > capacidade:
            linhas.append(atual + separador.rstrip())
            atual = parte
        else:
            atual = candidato
    return "\n".join(linhas + [atual])


def fonte_da_conta(ax: Axes, largura: float, altura: float, caracteres: int) -> float:
    """Fonte da linha da conta: a de uma célula, reduzida para ``caracteres`` caberem na largura."""
    cabe = 0.95 * largura * pontos_por_unidade(ax, largura, altura) / (0.6 * max(caracteres, 1))
    return float(np.clip(min(fonte_celula(ax, largura, altura), cabe), 3.0, 16.0))


def quadrados(cantos: np.ndarray, lado: float = 1.0) -> np.ndarray:
    """Vértices (N, 4, 2) de quadrados de ``lado`` com canto superior esquerdo em ``cantos`` (N, 2) = (x, y)."""
    deslocamentos = np.array([[0, 0], [lado, 0], [lado, lado], [0, lado]], dtype=float)
    return np.asarray(cantos, dtype=float)[:, None, :] + deslocamentos[None]


def grade_celulas(ax: Axes, x0: float, y0: float, cores: np.ndarray, **kw) -> PolyCollection:
    """Uma grade de células 1×1 (linha r, coluna c em (x0 + c, y0 + r)) como uma coleção."""
    linhas, colunas = cores.shape[:2]
    r, c = np.divmod(np.arange(linhas * colunas), colunas)
    colecao = PolyCollection(quadrados(np.stack([x0 + c, y0 + r], 1)), facecolors=cores.reshape(-1, 4),
                             edgecolors=kw.pop("borda", "0.45"), linewidths=kw.pop("espessura", 0.8), **kw)
    ax.add_collection(colecao)
    return colecao


def textos_celulas(ax: Axes, x0: float, y0: float, valores: np.ndarray, fonte: float, **kw) -> np.ndarray:
    """Um texto centrado em cada célula; devolve um array (linhas, colunas) de ``Text``."""
    textos = np.empty(valores.shape, dtype=object)
    for (r, c), v in np.ndenumerate(valores):
        textos[r, c] = ax.text(x0 + c + 0.5, y0 + r + 0.5, formatar(v), ha="center", va="center",
                               fontsize=fonte, **kw)
    return textos


def rgba(cor: str, forma: tuple[int, ...]) -> np.ndarray:
    """Array (*forma, 4) preenchido com a cor RGBA ``cor``."""
    return np.broadcast_to(np.array(to_rgba(cor)), forma + (4,)).copy()


class Desenho:
    """Base dos desenhos: posições válidas, artistas animados e ``mostrar(posicao)``."""

    ax: Axes
    animados: list
    posicoes: list

    @property
    def figura(self) -> Figure:
        return self.ax.figure

    def mostrar(self, posicao) -> list:  # pragma: no cover - cada subclasse implementa
        raise NotImplementedError

    def _indice(self, posicao) -> int:
        """Aceita o índice na ordem de varredura ou a própria posição; confere o intervalo."""
        if isinstance(posicao, (tuple, list)):
            posicao = tuple(int(v) for v in posicao)
            if posicao not in self.posicoes:
                raise ValueError(f"posicao={posicao!r} fora da saída; posições válidas: "
                                 f"{self.posicoes[0]} a {self.posicoes[-1]}")
            return self.posicoes.index(posicao)
        t = int(posicao)
        if not 0 <= t < len(self.posicoes):
            raise ValueError(f"posicao deve estar entre 0 e {len(self.posicoes) - 1}, mas recebeu posicao={t}")
        return t

    def redesenhar(self, completo: bool = False) -> None:
        """Desenha no canvas Agg só os artistas animados sobre o fundo guardado (blitting).

        ``completo=True`` (ou a primeira chamada) desenha a figura inteira sem os animados e
        guarda esse fundo; use-o depois de mudar o tamanho, o dpi ou os artistas fixos.
        """
        canvas = self.figura.canvas
        animados = sorted(self.animados, key=lambda a: a.get_zorder())
        if completo or getattr(self, "_fundo", None) is None:
            visiveis = [a.get_visible() for a in animados]
            for artista in animados:
                artista.set_visible(False)
            canvas.draw()
            self._fundo = canvas.copy_from_bbox(self.figura.bbox)
            for artista, visivel in zip(animados, visiveis):
                artista.set_visible(visivel)
        canvas.restore_region(self._fundo)
        for artista in animados:
            self.ax.draw_artist(artista)

    def quadro(self) -> Image.Image:
        """O conteúdo atual do canvas Agg como imagem RGB do Pillow (chame ``redesenhar`` antes)."""
        canvas = self.figura.canvas
        return imagem_rgba(canvas.buffer_rgba(), canvas.get_width_height())

    def _repr_png_(self) -> bytes:
        return png_da_figura(self.figura)

    def __repr__(self) -> str:
        """Resumo estável (sem endereços de memória), para o nbval comparar."""
        forma = "×".join(str(v) for v in getattr(self, "forma_saida", (len(self.posicoes),)))
        return (f"{type(self).__name__}: stride={self.stride}, padding={self.padding}, "
                f"dilation={self.dilation}, saída {forma}, posição {self.posicao} de {len(self.posicoes)}")


def imagem_rgba(buffer, tamanho: tuple[int, int]) -> Image.Image:
    """Imagem RGB do Pillow a partir de um buffer RGBA (canvas Agg ou ``savefig(format="rgba")``).

    ``tamanho`` é (largura, altura) em pixels. Usado pelos desenhos, animações e exploradores.
    """
    return Image.frombuffer("RGBA", tuple(tamanho), buffer, "raw", "RGBA", 0, 1).convert("RGB")


def png_rapido(imagem: Image.Image, cores: int = 64) -> bytes:
    """PNG com paleta de ``cores`` cores e compressão leve: ~4× mais rápido de codificar (exploradores)."""
    saida = BytesIO()
    imagem.quantize(cores, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        saida, format="PNG", compress_level=1)
    return saida.getvalue()


def png_da_figura(figura: Figure) -> bytes:
    """PNG da figura sem metadados variáveis (usado por ``_repr_png_`` nos notebooks)."""
    buffer = BytesIO()
    figura.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
