"""O estado do laboratório de núcleos 3×3 sobre uma foto, sem widgets nem desenho.

Como o "image kernels" do setosa.io: escolha um núcleo pronto (ou edite os 9 pesos) e veja a
foto filtrada. A saída é ``F.conv2d`` com preenchimento 1 (mesmo tamanho da entrada), um
canal por vez. Os núcleos prontos são os do notebook 06, com os mesmos nomes: "Sobel x" é
``outer([1, 2, 1], [1, 0, −1])`` e "laplaciano" o de 4 vizinhos ``[[0, 1, 0], [1, −4, 1],
[0, 1, 0]]``; editar um peso troca o nome para "personalizado".

A escala de cinza compartilhada vale para entrada, núcleo e saída: preto = ``vmin``, branco =
``vmax``, com ``vmin = min(0, menores valores)`` e ``vmax = max(1, maiores valores)``; o
navegador também oferece o contraste por imagem (cada imagem do seu mínimo ao seu máximo).

Notebook 06 (filtros: Sobel, desfoque, nitidez).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from .paineis import COR_NUCLEO, controle, imagem, painel

__all__ = ["NUCLEOS", "PERSONALIZADO", "EstadoNucleos"]

_SOBEL_X = torch.outer(torch.tensor([1.0, 2.0, 1.0]), torch.tensor([1.0, 0.0, -1.0])).tolist()
_GAUSS = [[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]]
PERSONALIZADO = "personalizado"
# Os núcleos prontos (correlação cruzada, como o PyTorch): nome → 3×3. Um núcleo por nome.
NUCLEOS: dict[str, list[list[float]]] = {
    "identidade": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
    "desfoque caixa": [[1 / 9] * 3] * 3,
    "gaussiano": [[v / 16 for v in linha] for linha in _GAUSS],
    "nitidez": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
    "Sobel x": _SOBEL_X,
    "Sobel y": [list(linha) for linha in zip(*_SOBEL_X)],
    "laplaciano": [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
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


class EstadoNucleos:
    """Imagem, núcleo 3×3 e pixel escolhido; a saída é recalculada a cada mudança.

    Atributos: ``imagem`` (C, H, W), ``nucleo`` (3, 3), ``nome`` (o núcleo pronto, ou
    "personalizado"), ``pixel`` (i, j), ``canal`` (o mostrado), ``saida``, ``escala``, ``mensagem``.
    """

    def __init__(self, imagem: torch.Tensor, nucleo: str = "Sobel x"):
        self.imagem = _imagem(imagem)
        self.pixel = (self.imagem.shape[1] // 2, self.imagem.shape[2] // 2)
        self.canal, self.mensagem = 0, ""
        self.escolher(nucleo)

    def escolher(self, nome: str) -> None:
        """Carrega o núcleo pronto ``nome`` (uma chave de ``NUCLEOS``)."""
        if nome not in NUCLEOS:
            raise ValueError(f"nucleo deve ser um de {list(NUCLEOS)}, mas recebeu nucleo = {nome!r}")
        self.nome, self.nucleo = nome, torch.tensor(NUCLEOS[nome], dtype=torch.float64)
        self._calcular()

    def mudar_peso(self, a: int, b: int, valor: float) -> None:
        """Troca o peso (a, b); o núcleo passa a se chamar "personalizado" se não for mais o pronto."""
        self.nucleo[a, b] = float(valor)
        pronto = NUCLEOS.get(self.nome)
        if pronto is None or not torch.allclose(self.nucleo, torch.tensor(pronto, dtype=torch.float64)):
            self.nome = PERSONALIZADO
        self._calcular()

    def mudar(self, nucleo: str | None = None, peso=None) -> None:
        """O que o navegador pede: ``nucleo`` (nome pronto) ou ``peso`` ([índice 0–8, valor])."""
        if nucleo is not None and nucleo != PERSONALIZADO:
            self.escolher(nucleo)
        if peso is not None:
            indice, valor = peso
            self.mudar_peso(*divmod(int(indice), 3), float(valor))

    def _calcular(self) -> None:
        self.saida = F.conv2d(self.imagem[:, None], self.nucleo[None, None], padding=1)[:, 0]
        self.escala = (min(0.0, self.imagem.min().item(), self.saida.min().item(), self.nucleo.min().item()),
                       max(1.0, self.imagem.max().item(), self.saida.max().item(), self.nucleo.max().item()))

    def escolher_pixel(self, i: int, j: int) -> None:
        """Escolhe o pixel (i, j) da saída (recortado para dentro da imagem)."""
        altura, largura = self.imagem.shape[1:]
        self.pixel = (min(max(int(i), 0), altura - 1), min(max(int(j), 0), largura - 1))

    def celulas_janela(self) -> list[tuple[int, int]]:
        """As células (linha, coluna) que o núcleo lê no pixel escolhido (só as de dentro da imagem)."""
        i, j = self.pixel
        altura, largura = self.imagem.shape[1:]
        return [(i + a, j + b) for a in (-1, 0, 1) for b in (-1, 0, 1) if 0 <= i + a < altura and 0 <= j + b < largura]

    def janela(self) -> torch.Tensor:
        """Os 3×3 valores do canal ``canal`` lidos no pixel escolhido (0 no preenchimento)."""
        i, j = self.pixel
        return F.pad(self.imagem[self.canal], (1, 1, 1, 1))[i:i + 3, j:j + 3]

    def produtos(self) -> torch.Tensor:
        """Os 9 produtos peso·valor (3×3); a soma deles é ``saida[canal, i, j]``."""
        return self.janela() * self.nucleo

    def valor(self) -> float:
        return self.saida[self.canal][self.pixel].item()

    def cena(self) -> dict:
        """A cena: entrada e saída como imagens (uint16), o núcleo como grade, a lupa 3×3 no navegador."""
        opcoes = list(NUCLEOS) + ([PERSONALIZADO] if self.nome == PERSONALIZADO else [])
        pesos = [round(v, 4) for v in self.nucleo.reshape(-1).tolist()]
        textos = [f"{v:.3g}" for v in self.nucleo.reshape(-1).tolist()]
        c = self.canal
        return {"tipo": "nucleos", "mensagem": self.mensagem, "lupa": True,
                "controles": [controle("nucleo", self.nome, tipo="lista", rotulo="núcleo", opcoes=opcoes),
                              controle("peso", None, tipo="pesos", rotulo="pesos", linhas=3, colunas=3, valores=pesos),
                              controle("contraste", False, tipo="local", rotulo="contraste por imagem "
                                       "(desmarcado: entrada e saída na mesma escala de cinza)")],
                "formula": [f"saída = F.conv2d(entrada, núcleo, padding=1); mesma escala: preto = "
                            f"{self.escala[0]:.2f}, branco = {self.escala[1]:.2f}"],
                "paineis": [imagem("entrada", "entrada", self.imagem[c], self.escala, fixa=True),
                            painel("nucleo", f"núcleo: {self.nome}", self.nucleo, textos=textos,
                                   fundos=[COR_NUCLEO] * 9),
                            imagem("saida", "saída", self.saida[c], self.escala)],
                "nucleo": self.nucleo.reshape(-1).tolist(), "pixel": self.pixel[0] * self.imagem.shape[2] + self.pixel[1]}

    def resumo(self) -> str:
        """Linha determinística para o ``text/plain`` (o nbval compara esta linha)."""
        c, h, w = self.imagem.shape
        return (f"Laboratório de núcleos: imagem {c}×{h}×{w}, núcleo {self.nome}, pixel {self.pixel}, "
                f"saída {self.valor():.4f}")
