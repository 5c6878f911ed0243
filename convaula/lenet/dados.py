"""Fashion-MNIST inteiro num tensor, e um substituto sintético no mesmo formato.

Dois caminhos levam ao mesmo resultado, um ``DadosTensores`` com imagens 32×32
normalizadas e rótulos, já no dispositivo de treino:

- ``carregar_fashion_mnist`` usa a classe ``FashionMNIST`` do torchvision (que baixa os
  arquivos e confere os checksums) e depois guarda o conjunto todo como um tensor só;
- ``gerar_sinteticos`` escreve, sem rede, um conjunto com os mesmos nomes de arquivo e o
  mesmo formato IDX, que o próprio torchvision lê. Tudo o que for treinado nele deve ser
  rotulado "dados sintéticos".

A pasta dos dados vem do argumento ``root``; sem ele, da variável de ambiente
``CONVAULA_DADOS``; sem ela, de ``~/.cache/convaula/dados``. Notebook 08.
"""

from __future__ import annotations

import math
import os
import struct
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional, Union

import torch
import torch.nn.functional as F

__all__ = [
    "ARQUIVOS",
    "CLASSES",
    "CLASSES_SINTETICAS",
    "DadosAusentes",
    "DadosTensores",
    "carregar_fashion_mnist",
    "gerar_sinteticos",
    "pasta_dados",
    "separar_validacao",
]

#: Nomes das dez classes do Fashion-MNIST, na ordem dos rótulos 0–9.
CLASSES = ("Camiseta/top", "Calça", "Pulôver", "Vestido", "Casaco",
           "Sandália", "Camisa", "Tênis", "Bolsa", "Bota")

#: Nomes das dez formas do substituto sintético, na ordem dos rótulos 0–9.
CLASSES_SINTETICAS = ("Disco", "Anel", "Quadrado", "Moldura", "Barra horizontal",
                      "Barra vertical", "Cruz", "Xis", "Triângulo", "Losango")

#: Os quatro arquivos que o torchvision procura em ``<root>/FashionMNIST/raw``.
ARQUIVOS = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")

_MARCA_SINTETICA = "SINTETICOS.txt"
Caminho = Union[str, os.PathLike]


class DadosAusentes(RuntimeError):
    """Os arquivos do Fashion-MNIST não estão na pasta e não foi possível baixá-los."""

    def _render_traceback_(self) -> list[str]:
        """No Jupyter/IPython, mostra só a mensagem em português, sem a pilha de chamadas."""
        return [f"DadosAusentes: {self}"]


@dataclass
class DadosTensores:
    """O conjunto inteiro como tensores: imagens (N, 1, 32, 32) normalizadas e rótulos (N,).

    ``media`` e ``desvio`` são os da normalização (calculados no treino, em [0, 1]).
    ``x_validacao`` e ``y_validacao`` existem depois de ``separar_validacao``.
    """

    x_treino: torch.Tensor
    y_treino: torch.Tensor
    x_teste: torch.Tensor
    y_teste: torch.Tensor
    classes: tuple[str, ...]
    sinteticos: bool
    media: float = 0.0
    desvio: float = 1.0
    x_validacao: Optional[torch.Tensor] = None
    y_validacao: Optional[torch.Tensor] = None

    @property
    def rotulo(self) -> str:
        """Texto para títulos e legendas: diz se os dados são sintéticos."""
        return "dados sintéticos" if self.sinteticos else "Fashion-MNIST"

    def __repr__(self) -> str:
        validacao = "" if self.x_validacao is None else f"validação {tuple(self.x_validacao.shape)}, "
        return (f"DadosTensores({self.rotulo}: treino {tuple(self.x_treino.shape)}, {validacao}"
                f"teste {tuple(self.x_teste.shape)}, {self.x_treino.dtype}, "
                f"dispositivo={self.x_treino.device.type})")


def separar_validacao(dados: DadosTensores, n_validacao: int, semente: int = 0) -> DadosTensores:
    """Separa ``n_validacao`` imagens do treino, sorteadas, para a validação.

    A validação é o que se olha a cada época (para escolher épocas, taxa de aprendizado...);
    o teste fica guardado para uma medida só, no fim. Devolve um ``DadosTensores`` novo:
    o treino perde as imagens da validação, o teste não muda. Notebook 08.
    """
    if isinstance(n_validacao, bool) or not isinstance(n_validacao, int) \
            or not 1 <= n_validacao < len(dados.x_treino):
        raise ValueError(f"n_validacao deve ser um inteiro entre 1 e {len(dados.x_treino) - 1} "
                         f"(o treino tem {len(dados.x_treino)} imagens), mas recebeu "
                         f"n_validacao={n_validacao!r}")
    ordem = torch.randperm(len(dados.x_treino), generator=torch.Generator().manual_seed(semente))
    ordem = ordem.to(dados.x_treino.device)
    validacao, treino = ordem[:n_validacao], ordem[n_validacao:]
    return replace(dados, x_treino=dados.x_treino[treino], y_treino=dados.y_treino[treino],
                   x_validacao=dados.x_treino[validacao], y_validacao=dados.y_treino[validacao])


def pasta_dados(root: Optional[Caminho] = None) -> Path:
    """A pasta dos dados: ``root``, senão ``$CONVAULA_DADOS``, senão ``~/.cache/convaula/dados``."""
    if root is not None:
        return Path(root).expanduser()
    if os.environ.get("CONVAULA_DADOS"):
        return Path(os.environ["CONVAULA_DADOS"]).expanduser()
    return Path.home() / ".cache" / "convaula" / "dados"


# ---------------------------------------------------------------------------
# Substituto sintético
# ---------------------------------------------------------------------------

def _escrever_idx(caminho: Path, dados: torch.Tensor) -> None:
    """Grava um tensor uint8 no formato IDX (o do MNIST): cabeçalho big-endian e bytes."""
    cabecalho = struct.pack(">BBBB", 0, 0, 0x08, dados.dim())
    cabecalho += struct.pack(f">{dados.dim()}I", *dados.shape)
    temporario = caminho.with_suffix(".tmp")
    temporario.write_bytes(cabecalho + dados.contiguous().numpy().tobytes())
    os.replace(temporario, caminho)


def _barras(a: torch.Tensor, b: torch.Tensor, t: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Distâncias de uma barra horizontal e de uma vertical (meia-largura 1,2·t)."""
    return (torch.minimum(1 - a.abs(), 1.2 * t - b.abs()),
            torch.minimum(1.2 * t - a.abs(), 1 - b.abs()))


def _distancia(classe: int, a: torch.Tensor, b: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
    """Distância com sinal (positiva dentro) da forma ``classe``, em coordenadas normalizadas."""
    rho, caixa = torch.sqrt(a * a + b * b), torch.maximum(a.abs(), b.abs())
    if classe in (0, 1):                                   # disco, anel
        return 1 - rho if classe == 0 else t - (rho - (1 - t)).abs()
    if classe in (2, 3):                                   # quadrado, moldura
        return 1 - caixa if classe == 2 else t - (caixa - (1 - t)).abs()
    if classe in (4, 5, 6):                                # barras e cruz
        horizontal, vertical = _barras(a, b, t)
        return (horizontal, vertical, torch.maximum(horizontal, vertical))[classe - 4]
    if classe == 7:                                        # xis: a cruz girada 45°
        horizontal, vertical = _barras((a + b) / math.sqrt(2), (b - a) / math.sqrt(2), t / 1.2)
        return torch.maximum(horizontal, vertical)
    if classe == 8:                                        # triângulo com a ponta para cima
        return torch.minimum(1 - b, (b + 1 - 2 * a.abs()) / math.sqrt(5))
    return (1 - a.abs() - b.abs()) / math.sqrt(2)          # losango


def _imagens_sinteticas(rotulos: torch.Tensor, gerador: torch.Generator) -> torch.Tensor:
    """Desenha uma forma por rótulo, com posição, tamanho, giro, traço, brilho e ruído aleatórios."""
    n = len(rotulos)
    sorteio = lambda lo, hi: lo + (hi - lo) * torch.rand(n, 1, 1, generator=gerador)  # noqa: E731
    r = sorteio(4.5, 9.5)
    cx, cy = r + 1 + sorteio(0, 1) * (26 - 2 * r), r + 1 + sorteio(0, 1) * (26 - 2 * r)
    angulo, t, brilho = sorteio(-0.35, 0.35), sorteio(0.2, 0.35), sorteio(0.5, 1.0)
    eixo = torch.arange(28, dtype=torch.float32)
    dx, dy = eixo.view(1, 1, 28) - cx, eixo.view(1, 28, 1) - cy
    a = (dx * torch.cos(angulo) + dy * torch.sin(angulo)) / r
    b = (-dx * torch.sin(angulo) + dy * torch.cos(angulo)) / r
    distancia = torch.empty(n, 28, 28)
    for classe in range(10):
        i = (rotulos == classe).nonzero()[:, 0]
        distancia[i] = _distancia(classe, a[i], b[i], t[i]) * r[i]   # em pixels
    imagem = brilho * torch.sigmoid(distancia / 0.6)
    imagem = imagem + 0.12 * torch.randn(n, 28, 28, generator=gerador)
    return (imagem.clamp(0, 1) * 255).round().to(torch.uint8)


def _validar_quantidade(nome: str, valor: int) -> None:
    if isinstance(valor, bool) or not isinstance(valor, int):
        raise TypeError(f"{nome} deve ser um inteiro, mas recebeu {nome}={valor!r}")
    if valor < 10:
        raise ValueError(f"{nome} deve ser pelo menos 10 (uma imagem por classe), "
                         f"mas recebeu {nome}={valor}")


def gerar_sinteticos(
    root: Optional[Caminho] = None,
    n_treino: int = 60_000,
    n_teste: int = 10_000,
    semente: int = 0,
) -> Path:
    """Escreve um substituto sintético do Fashion-MNIST no formato exato do torchvision.

    Cria ``<root>/FashionMNIST/raw/`` com os quatro arquivos de ``ARQUIVOS`` (IDX, imagens
    28×28 uint8, rótulos 0–9 equilibrados) e uma marca ``SINTETICOS.txt``; a classe
    ``torchvision.datasets.FashionMNIST(root)`` lê o resultado sem baixar nada. As classes
    são as formas de ``CLASSES_SINTETICAS`` com posição, tamanho, giro e ruído variados.

    Parâmetros
    ----------
    root : pasta dos dados (veja ``pasta_dados``).
    n_treino, n_teste : quantas imagens em cada parte (pelo menos 10).
    semente : semente do gerador; a mesma semente dá os mesmos bytes.

    Retorna
    -------
    A pasta ``root`` usada. Notebook 08 (modo CI) e testes.
    """
    _validar_quantidade("n_treino", n_treino)
    _validar_quantidade("n_teste", n_teste)
    raiz = pasta_dados(root)
    bruta = raiz / "FashionMNIST" / "raw"
    bruta.mkdir(parents=True, exist_ok=True)
    gerador = torch.Generator().manual_seed(semente)
    for parte, n in (("train", n_treino), ("t10k", n_teste)):
        rotulos = (torch.arange(n) % 10).to(torch.uint8)
        rotulos = rotulos[torch.randperm(n, generator=gerador)]
        _escrever_idx(bruta / f"{parte}-images-idx3-ubyte", _imagens_sinteticas(rotulos, gerador))
        _escrever_idx(bruta / f"{parte}-labels-idx1-ubyte", rotulos)
    (raiz / "FashionMNIST" / _MARCA_SINTETICA).write_text(
        f"dados sintéticos do convaula: {n_treino} de treino, {n_teste} de teste, "
        f"semente {semente}\n", encoding="utf-8")
    return raiz


# ---------------------------------------------------------------------------
# Carregamento
# ---------------------------------------------------------------------------

def _mensagem_ausentes(raiz: Path) -> str:
    bruta = raiz / "FashionMNIST" / "raw"
    lista = "\n".join(f"  - {nome}" for nome in ARQUIVOS)
    return (f"Não encontrei o Fashion-MNIST em {bruta} e não consegui baixá-lo (sem rede?).\n"
            f"Coloque nessa pasta os quatro arquivos (descompactados, sem .gz):\n{lista}\n"
            f"ou escolha outra pasta com o argumento root ou a variável de ambiente "
            f"CONVAULA_DADOS. Sem rede, convaula.lenet.dados.gerar_sinteticos(root) cria um "
            f"substituto sintético no mesmo formato.")


def _ler_partes(raiz: Path, baixar: bool):
    """Lê treino e teste com o ``FashionMNIST`` do torchvision; sem arquivos, ``DadosAusentes``."""
    from torchvision.datasets import FashionMNIST

    partes = []
    for treino in (True, False):
        try:
            partes.append(FashionMNIST(str(raiz), train=treino, download=baixar))
        except (RuntimeError, OSError) as erro:
            texto = str(erro)
            if "not found" not in texto and "Error downloading" not in texto:
                raise  # arquivo presente mas corrompido: o erro do torchvision diz qual
            raise DadosAusentes(_mensagem_ausentes(raiz)) from None
    return partes


def carregar_fashion_mnist(
    root: Optional[Caminho] = None,
    dispositivo: Union[str, torch.device] = "cpu",
    baixar: bool = True,
    padding: int = 2,
) -> DadosTensores:
    """Carrega o Fashion-MNIST (ou o substituto sintético) inteiro como tensores no dispositivo.

    O torchvision baixa e confere os arquivos (se ``baixar`` e se faltarem); depois as
    imagens viram um só tensor float32 (N, 1, 28+2·padding, 28+2·padding), normalizado com
    a média e o desvio do treino, e os rótulos um tensor int64 — nada de ``ToTensor`` por
    imagem.

    Parâmetros
    ----------
    root : pasta dos dados (veja ``pasta_dados``).
    dispositivo : onde guardar os tensores (``"cpu"``, ``"cuda"``...).
    baixar : se pode tentar baixar os arquivos que faltarem.
    padding : zeros acrescentados em cada borda (2 leva 28×28 a 32×32, como na LeNet-5).

    Retorna
    -------
    ``DadosTensores``; ``sinteticos`` diz se a pasta tem o substituto sintético.
    Levanta ``DadosAusentes`` (com a pasta e os nomes dos arquivos) se não houver dados.
    Notebook 08.
    """
    if isinstance(padding, bool) or not isinstance(padding, int) or padding < 0:
        raise ValueError(f"padding deve ser um inteiro >= 0, mas recebeu padding={padding!r}")
    raiz = pasta_dados(root)
    treino, teste = _ler_partes(raiz, baixar)
    x_treino = F.pad(treino.data.unsqueeze(1).float() / 255, (padding,) * 4)
    x_teste = F.pad(teste.data.unsqueeze(1).float() / 255, (padding,) * 4)
    media, desvio = x_treino.mean(), x_treino.std()
    sinteticos = (raiz / "FashionMNIST" / _MARCA_SINTETICA).exists()
    return DadosTensores(
        x_treino=((x_treino - media) / desvio).to(dispositivo),
        y_treino=treino.targets.long().to(dispositivo),
        x_teste=((x_teste - media) / desvio).to(dispositivo),
        y_teste=teste.targets.long().to(dispositivo),
        classes=CLASSES_SINTETICAS if sinteticos else CLASSES,
        sinteticos=sinteticos,
        media=media.item(),
        desvio=desvio.item(),
    )
