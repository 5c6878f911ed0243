"""O estado do laboratório de núcleos 3×3 sobre uma foto, sem widgets nem desenho.

Como o "image kernels" do setosa.io: escolha um núcleo pronto (ou edite os 9 pesos) e veja a
foto filtrada. A saída é ``F.conv2d`` com preenchimento 1 (mesmo tamanho da entrada), um
canal por vez (o mesmo núcleo em cada canal de cor). Para o pixel escolhido o estado dá a
janela 3×3 que o núcleo lê, os 9 produtos e a soma, que é exatamente o valor da saída.

A escala de cores é uma só para entrada, núcleo e saída: preto = ``vmin``, branco = ``vmax``,
com ``vmin = min(0, menores valores)`` e ``vmax = max(1, maiores valores)``; assim um mesmo
número tem a mesma cor nas três imagens (e um núcleo que produz negativos escurece a escala).

Notebook 06 (filtros: Sobel, desfoque, nitidez).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

__all__ = ["NUCLEOS", "EstadoFiltro"]

_GAUSS = [[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]]
# Os núcleos prontos (correlação cruzada, como o PyTorch): nome → 3×3.
NUCLEOS: dict[str, list[list[float]]] = {
    "identidade": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
    "desfoque caixa": [[1 / 9] * 3] * 3,
    "gaussiano": [[v / 16 for v in linha] for linha in _GAUSS],
    "nitidez": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
    "Sobel x": [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]],
    "Sobel y": [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
    "laplaciano (contorno)": [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
    "relevo": [[-2, -1, 0], [-1, 1, 1], [0, 1, 2]],
}


def _imagem(imagem) -> torch.Tensor:
    """(H, W) ou (C, H, W) com C de 1 a 4 → (C, H, W) float64; erros em português."""
    if not isinstance(imagem, torch.Tensor):
        raise TypeError(f"imagem deve ser um torch.Tensor, mas recebeu {type(imagem).__name__}")
    if imagem.ndim == 2:
        imagem = imagem[None]
    if imagem.ndim != 3 or not 1 <= imagem.shape[0] <= 4 or min(imagem.shape[1:]) < 3:
        raise ValueError(f"imagem deve ter forma (H, W) ou (C, H, W) com C de 1 a 4 e lados >= 3, mas recebeu "
                         f"forma {tuple(imagem.shape)}")
    return imagem.detach().to(torch.float64).cpu()


class EstadoFiltro:
    """Imagem, núcleo 3×3, pixel escolhido e peso destacado; a saída é recalculada a cada mudança.

    Atributos: ``imagem`` (C, H, W), ``nucleo`` (3, 3), ``nome`` (o núcleo pronto, ou
    "editado"), ``pixel`` (i, j), ``peso_destacado`` ((a, b) ou ``None``), ``canal``, ``saida``.
    """

    def __init__(self, imagem: torch.Tensor, nucleo: str = "Sobel x"):
        self.imagem = _imagem(imagem)
        self.pixel = (self.imagem.shape[1] // 2, self.imagem.shape[2] // 2)
        self.peso_destacado, self.canal = None, 0
        self.escolher(nucleo)

    def escolher(self, nome: str) -> None:
        """Carrega o núcleo pronto ``nome`` (uma chave de ``NUCLEOS``)."""
        if nome not in NUCLEOS:
            raise ValueError(f"nucleo deve ser um de {list(NUCLEOS)}, mas recebeu nucleo={nome!r}")
        self.nome, self.nucleo = nome, torch.tensor(NUCLEOS[nome], dtype=torch.float64)
        self._calcular()

    def mudar_peso(self, a: int, b: int, valor: float) -> None:
        """Troca o peso (a, b); o núcleo passa a se chamar "editado" se não for mais o pronto."""
        self.nucleo[a, b] = float(valor)
        if not torch.allclose(self.nucleo, torch.tensor(NUCLEOS.get(self.nome, [[0.0] * 3] * 3), dtype=torch.float64)):
            self.nome = "editado"
        self._calcular()

    def _calcular(self) -> None:
        self.saida = F.conv2d(self.imagem[:, None], self.nucleo[None, None], padding=1)[:, 0]
        self.escala = (min(0.0, self.imagem.min().item(), self.saida.min().item(), self.nucleo.min().item()),
                       max(1.0, self.imagem.max().item(), self.saida.max().item(), self.nucleo.max().item()))

    def escolher_pixel(self, i: int, j: int) -> None:
        """Escolhe o pixel (i, j) da saída (recortado para dentro da imagem)."""
        altura, largura = self.imagem.shape[1:]
        self.pixel = (min(max(int(i), 0), altura - 1), min(max(int(j), 0), largura - 1))

    def janela(self) -> torch.Tensor:
        """Os 3×3 valores do canal ``canal`` que o núcleo lê no pixel escolhido (0 no preenchimento)."""
        i, j = self.pixel
        return F.pad(self.imagem[self.canal], (1, 1, 1, 1))[i:i + 3, j:j + 3]

    def produtos(self) -> torch.Tensor:
        """Os 9 produtos peso·valor (3×3); a soma deles é ``saida[canal, i, j]``."""
        return self.janela() * self.nucleo

    def valor(self) -> float:
        return self.saida[self.canal][self.pixel].item()

    def resumo(self) -> str:
        """Linha determinística para o ``text/plain`` (o nbval compara esta linha)."""
        c, h, w = self.imagem.shape
        return (f"Laboratório de núcleos: imagem {c}×{h}×{w}, núcleo {self.nome}, pixel {self.pixel}, "
                f"saída {self.valor():.4f}")
