"""Fashion-MNIST inteiro num tensor, e um substituto sintético no mesmo formato.

``carregar_fashion_mnist()``, sem argumentos, acha os quatro arquivos do Fashion-MNIST
sozinho, nesta ordem:

1. a pasta ``root``, se for dada;
2. a pasta da variável de ambiente ``CONVAULA_DADOS``;
3. o cache do curso, ``~/.cache/convaula/dados`` (no formato do torchvision,
   ``FashionMNIST/raw/``);
4. a cópia do sistema, ``/usr/share/datasets/fashion-mnist`` (pacote
   ``dataset-fashion-mnist`` do Debian/Ubuntu), lida direto dos ``.gz``;
5. o download do torchvision, se houver rede (para a primeira pasta da lista).

Em cada pasta valem os arquivos soltos ou dentro de ``FashionMNIST/raw/``, descompactados
ou ``.gz``. O conteúdo descompactado de cada arquivo é conferido pelo SHA-256 dos originais
(``SHA256``): um arquivo corrompido ou de outro conjunto dá um erro em português com o nome
do arquivo, nunca um conjunto errado em silêncio. Os bytes IDX viram um tensor só, sem
passar imagem por imagem.

O substituto sintético (``gerar_sinteticos`` + ``carregar_sinteticos``) é uma escolha
explícita, para testes rápidos ou uma máquina sem os dados: ``carregar_fashion_mnist``
nunca cai nele sozinho, e tudo o que for treinado nele é rotulado "dados sintéticos".
Notebook 08.
"""

from __future__ import annotations

import hashlib
import math
import os
import struct
import warnings
import zlib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional, Union

import torch
import torch.nn.functional as F

from .. import config
from .._argumentos import exigir, inteiro

__all__ = [
    "ARQUIVOS",
    "CLASSES",
    "CLASSES_SINTETICAS",
    "DadosAusentes",
    "DadosTensores",
    "PASTA_SISTEMA",
    "SHA256",
    "DadosCorrompidos",
    "carregar_fashion_mnist",
    "carregar_sinteticos",
    "gerar_sinteticos",
    "ler_arquivos",
    "localizar_fashion_mnist",
    "pasta_dados",
    "primeiras",
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

#: SHA-256 do conteúdo *descompactado* de cada arquivo original (o Debian recompacta os
#: ``.gz``, então o checksum dos ``.gz`` muda; os bytes de dentro, não). Conferidos na cópia
#: do pacote ``dataset-fashion-mnist``: os primeiros rótulos de treino são 9, 0, 0, 3, 0, 2,
#: 7, 2, 5, 5 e há 6.000 imagens de treino por classe, como no conjunto publicado.
SHA256 = {
    "train-images-idx3-ubyte": "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
    "train-labels-idx1-ubyte": "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
    "t10k-images-idx3-ubyte": "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
    "t10k-labels-idx1-ubyte": "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
}

#: Onde o pacote ``dataset-fashion-mnist`` do Debian/Ubuntu põe os quatro ``.gz``.
PASTA_SISTEMA = Path("/usr/share/datasets/fashion-mnist")

_MARCA_SINTETICA = "SINTETICOS.txt"
Caminho = Union[str, os.PathLike]


class DadosAusentes(RuntimeError):
    """Os arquivos do Fashion-MNIST não estão em lugar nenhum e não foi possível baixá-los."""

    def _render_traceback_(self) -> list[str]:
        """No Jupyter/IPython, mostra só a mensagem em português, sem a pilha de chamadas."""
        return [f"{type(self).__name__}: {self}"]


class DadosCorrompidos(DadosAusentes):
    """Um arquivo com o nome certo, mas conteúdo que não é o do Fashion-MNIST."""


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
    origem: str = ""

    @property
    def reais(self) -> bool:
        """Se são os arquivos do Fashion-MNIST, conferidos pelo SHA-256 (``SHA256``)."""
        return not self.sinteticos and self.origem != ""

    @property
    def rotulo(self) -> str:
        """Texto para títulos e legendas: diz se os dados são sintéticos."""
        return "dados sintéticos" if self.sinteticos else "Fashion-MNIST"

    def __repr__(self) -> str:
        validacao = "" if self.x_validacao is None else f"validação {tuple(self.x_validacao.shape)}, "
        conferidos = ", conferidos" if self.reais else ""
        return (f"DadosTensores({self.rotulo}{conferidos}: treino {tuple(self.x_treino.shape)}, {validacao}"
                f"teste {tuple(self.x_teste.shape)}, {self.x_treino.dtype}, "
                f"dispositivo={self.x_treino.device.type})")


def separar_validacao(dados: DadosTensores, n_validacao: int, semente: int = 0) -> DadosTensores:
    """Separa ``n_validacao`` imagens do treino, sorteadas, para a validação.

    A validação é o que se olha a cada época (para escolher épocas, taxa de aprendizado...);
    o teste fica guardado para uma medida só, no fim. Devolve um ``DadosTensores`` novo:
    o treino perde as imagens da validação, o teste não muda. Notebook 08.
    """
    n_validacao = inteiro("n_validacao", n_validacao)
    exigir(1 <= n_validacao < len(dados.x_treino),
           f"n_validacao deve estar entre 1 e {len(dados.x_treino) - 1} (o treino tem "
           f"{len(dados.x_treino)} imagens), mas recebeu n_validacao={n_validacao!r}")
    ordem = torch.randperm(len(dados.x_treino), generator=torch.Generator().manual_seed(semente))
    ordem = ordem.to(dados.x_treino.device)
    validacao, treino = ordem[:n_validacao], ordem[n_validacao:]
    return replace(dados, x_treino=dados.x_treino[treino], y_treino=dados.y_treino[treino],
                   x_validacao=dados.x_treino[validacao], y_validacao=dados.y_treino[validacao])


def primeiras(dados: DadosTensores, n_treino: int) -> DadosTensores:
    """Só as ``n_treino`` primeiras imagens de treino (para um treino curto); o teste não muda.

    As primeiras imagens do Fashion-MNIST já vêm com as classes misturadas (nas 12.000
    primeiras, cada classe tem de 1.122 a 1.244 imagens). A normalização continua a do treino
    inteiro. Notebook 08 (modo CI).
    """
    n_treino = inteiro("n_treino", n_treino, minimo=1, maximo=len(dados.x_treino))
    return replace(dados, x_treino=dados.x_treino[:n_treino], y_treino=dados.y_treino[:n_treino])


def pasta_dados(root: Optional[Caminho] = None) -> Path:
    """A pasta onde gravar (download, *checkpoints*): ``root``, senão ``$CONVAULA_DADOS``, senão
    ``~/.cache/convaula/dados``. Para ler, ``carregar_fashion_mnist`` procura também na cópia do
    sistema."""
    if root is not None:
        return Path(root).expanduser()
    if config.ler("CONVAULA_DADOS"):
        return Path(config.ler("CONVAULA_DADOS")).expanduser()
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
    valor = inteiro(nome, valor)
    exigir(valor >= 10, f"{nome} deve ser >= 10 (uma imagem por classe), mas recebeu {nome}={valor}")


def gerar_sinteticos(
    root: Caminho,
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
    root : a pasta onde escrever (obrigatória: o substituto nunca vai para o cache dos
        dados reais).
    n_treino, n_teste : quantas imagens em cada parte (pelo menos 10).
    semente : semente do gerador; a mesma semente dá os mesmos bytes.

    Retorna
    -------
    A pasta ``root`` usada, que ``carregar_sinteticos`` lê. Testes e ``scripts/``.
    """
    _validar_quantidade("n_treino", n_treino)
    _validar_quantidade("n_teste", n_teste)
    if root is None:
        raise TypeError("gerar_sinteticos precisa de uma pasta root (o substituto sintético "
                        "nunca é escrito no cache dos dados reais)")
    raiz = Path(root).expanduser()
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

#: Conteúdo já conferido neste processo: (caminho, tamanho, data de modificação) -> SHA-256.
#: Rodar o notebook duas vezes não recalcula o checksum de arquivos que não mudaram.
_CONFERIDOS: dict[tuple[str, int, int], str] = {}


def _candidatas(root: Optional[Caminho]) -> list[tuple[str, Path]]:
    """As pastas onde procurar, na ordem, com o nome de cada lugar (para as mensagens)."""
    lugares = []
    if root is not None:
        lugares.append(("root", Path(root).expanduser()))
    if config.ler("CONVAULA_DADOS"):
        lugares.append(("CONVAULA_DADOS", Path(config.ler("CONVAULA_DADOS")).expanduser()))
    lugares.append(("cache do curso", Path.home() / ".cache" / "convaula" / "dados"))
    lugares.append(("cópia do sistema", PASTA_SISTEMA))
    return lugares


def _arquivos_em(pasta: Path) -> Optional[dict[str, Path]]:
    """Os quatro arquivos numa pasta (soltos ou em ``FashionMNIST/raw``, ``.gz`` ou não)."""
    for sub in (pasta / "FashionMNIST" / "raw", pasta):
        achados = {}
        for nome in ARQUIVOS:
            for candidato in (sub / nome, sub / f"{nome}.gz"):
                if candidato.is_file():
                    achados[nome] = candidato
                    break
        if len(achados) == len(ARQUIVOS):
            return achados
    return None


def localizar_fashion_mnist(root: Optional[Caminho] = None) -> Optional[dict[str, Path]]:
    """Onde estão os quatro arquivos: o primeiro lugar da ordem do módulo que tem todos.

    Não baixa nem confere nada; devolve ``None`` se nenhum lugar tem os quatro.
    """
    for _, pasta in _candidatas(root):
        achados = _arquivos_em(pasta)
        if achados is not None:
            return achados
    return None


def _ler_bytes(caminho: Path) -> bytes:
    """O conteúdo do arquivo, descompactado se terminar em ``.gz``; erro em português se falhar."""
    try:
        if caminho.suffix == ".gz":  # de uma vez só: bem mais rápido do que gzip.open().read()
            return zlib.decompress(caminho.read_bytes(), wbits=16 + zlib.MAX_WBITS)
        return caminho.read_bytes()
    except (OSError, zlib.error) as erro:
        raise DadosCorrompidos(
            f"Não consegui ler {caminho}: {erro}. O arquivo parece corrompido (um download "
            f"interrompido?). Apague-o e carregue de novo, ou use outra cópia dos dados.") from None


def _conferir(nome: str, caminho: Path, conteudo: bytes) -> None:
    """Confere o SHA-256 do conteúdo descompactado; ``DadosCorrompidos`` com o nome do arquivo."""
    estado = caminho.stat()
    chave = (str(caminho.resolve()), estado.st_size, estado.st_mtime_ns)
    if _CONFERIDOS.get(chave) == SHA256[nome]:
        return
    resumo = hashlib.sha256(conteudo).hexdigest()
    if resumo != SHA256[nome]:
        marca = caminho.parent / _MARCA_SINTETICA
        sintetico = marca.exists() or (caminho.parent.parent / _MARCA_SINTETICA).exists()
        dica = (" Esta pasta tem o substituto sintético do curso (gerar_sinteticos): para "
                "usá-lo de propósito, chame dados.carregar_sinteticos(pasta)." if sintetico else
                " Apague o arquivo (ou a pasta) e carregue de novo, ou use outra cópia.")
        raise DadosCorrompidos(
            f"O arquivo {caminho} não é o {nome} original do Fashion-MNIST: o SHA-256 do "
            f"conteúdo descompactado é {resumo[:16]}..., e o esperado é {SHA256[nome][:16]}... "
            f"(arquivo corrompido ou de outro conjunto de dados).{dica}")
    _CONFERIDOS[chave] = resumo


def _tensor_idx(conteudo: bytes, caminho: Path) -> torch.Tensor:
    """Os bytes IDX (cabeçalho big-endian, depois uint8) como um tensor uint8, sem cópia extra."""
    if len(conteudo) < 8 or conteudo[:3] != b"\x00\x00\x08":
        raise DadosCorrompidos(f"O arquivo {caminho} não está no formato IDX de bytes sem sinal.")
    dimensoes = conteudo[3]
    formato = struct.unpack(f">{dimensoes}I", conteudo[4:4 + 4 * dimensoes])
    inicio = 4 + 4 * dimensoes
    if len(conteudo) - inicio != math.prod(formato):
        raise DadosCorrompidos(f"O arquivo {caminho} tem {len(conteudo) - inicio} bytes de dados, "
                               f"mas o cabeçalho promete {math.prod(formato)} {formato}.")
    with warnings.catch_warnings():  # bytes não são graváveis; o tensor só é lido (e copiado)
        warnings.simplefilter("ignore", UserWarning)
        return torch.frombuffer(conteudo, dtype=torch.uint8, offset=inicio).reshape(formato)


def ler_arquivos(arquivos: dict[str, Path], conferir: bool = True) -> dict[str, torch.Tensor]:
    """Os quatro arquivos (de ``localizar_fashion_mnist``) como tensores uint8, no formato IDX.

    Imagens (N, 28, 28) e rótulos (N,), sem normalizar; com ``conferir``, cada conteúdo
    descompactado passa pelo SHA-256 de ``SHA256`` antes. ``scripts/benchmark_treino.py``.
    """
    tensores = {}
    for nome in ARQUIVOS:
        conteudo = _ler_bytes(arquivos[nome])
        if conferir:
            _conferir(nome, arquivos[nome], conteudo)
        tensores[nome] = _tensor_idx(conteudo, arquivos[nome])
    return tensores


def _mensagem_ausentes(lugares: list[tuple[str, Path]], baixou: Optional[str]) -> str:
    onde = "\n".join(f"  - {pasta} ({nome})" for nome, pasta in lugares)
    lista = "\n".join(f"  - {nome} (ou {nome}.gz)" for nome in ARQUIVOS)
    rede = (f"O download também falhou ({baixou}).\n" if baixou else
            "O download não foi tentado (baixar=False).\n")
    return (f"Não encontrei o Fashion-MNIST em nenhum destes lugares:\n{onde}\n{rede}"
            f"Três jeitos de conseguir os dados:\n"
            f"  1. com internet, rode de novo: o torchvision baixa os arquivos (30 MB) para "
            f"{lugares[0][1] / 'FashionMNIST' / 'raw'};\n"
            f"  2. no Debian/Ubuntu, sem mais nada: sudo apt install dataset-fashion-mnist "
            f"(instala em {PASTA_SISTEMA});\n"
            f"  3. copie os quatro arquivos para uma pasta e passe-a em root= ou na variável "
            f"de ambiente CONVAULA_DADOS:\n{lista}")


def _baixar(pasta: Path) -> Optional[str]:
    """Tenta o download do torchvision para ``pasta``; devolve o erro (texto) ou ``None``."""
    from torchvision.datasets import FashionMNIST

    try:
        for treino in (True, False):
            FashionMNIST(str(pasta), train=treino, download=True)
    except Exception as erro:  # noqa: BLE001 - sem rede, servidor fora, disco cheio...
        return " ".join(f"{type(erro).__name__}: {erro}".split())[:300]
    return None


def _normalizados(imagens: torch.Tensor, padding: int, media: float, desvio: float) -> torch.Tensor:
    """(N, 28, 28) uint8 -> (N, 1, 28+2p, 28+2p) float32, (x/255 − média)/desvio, borda = fundo."""
    saida = F.pad(imagens, (padding,) * 4).unsqueeze(1).to(torch.float32)  # borda 0 = fundo
    return saida.mul_(1 / (255 * desvio)).add_(-media / desvio)


def _media_desvio(imagens: torch.Tensor, padding: int) -> tuple[float, float]:
    """Média e desvio (amostral) das imagens já com a borda de zeros, em [0, 1], exatos.

    Contam-se os 256 valores possíveis (``bincount``) em vez de somar 60 milhões de floats.
    """
    n, altura, largura = imagens.shape
    contagem = torch.bincount(imagens.flatten(), minlength=256).to(torch.float64)
    total = n * (altura + 2 * padding) * (largura + 2 * padding)   # os zeros da borda contam
    valores = torch.arange(256, dtype=torch.float64) / 255
    soma, soma2 = (contagem * valores).sum(), (contagem * valores ** 2).sum()
    media = soma / total
    variancia = (soma2 - total * media ** 2) / (total - 1)
    return media.item(), variancia.sqrt().item()


def _montar(tensores: dict[str, torch.Tensor], dispositivo, padding: int, classes, sinteticos: bool,
            origem: str) -> DadosTensores:
    treino_x, teste_x = tensores["train-images-idx3-ubyte"], tensores["t10k-images-idx3-ubyte"]
    media, desvio = _media_desvio(treino_x, padding)
    return DadosTensores(
        x_treino=_normalizados(treino_x, padding, media, desvio).to(dispositivo),
        y_treino=tensores["train-labels-idx1-ubyte"].long().to(dispositivo),
        x_teste=_normalizados(teste_x, padding, media, desvio).to(dispositivo),
        y_teste=tensores["t10k-labels-idx1-ubyte"].long().to(dispositivo),
        classes=classes, sinteticos=sinteticos, media=media, desvio=desvio, origem=origem)


def _validar_padding(padding) -> None:
    inteiro("padding", padding, minimo=0)


def carregar_fashion_mnist(
    root: Optional[Caminho] = None,
    dispositivo: Union[str, torch.device] = "cpu",
    baixar: bool = True,
    padding: int = 2,
) -> DadosTensores:
    """Acha, confere e carrega o Fashion-MNIST inteiro como tensores no dispositivo.

    Procura os quatro arquivos na ordem do módulo (``root``, ``$CONVAULA_DADOS``, o cache
    do curso, a cópia do sistema) e, se não achar e ``baixar`` for verdadeiro, baixa pelo
    torchvision para o primeiro desses lugares. Confere o SHA-256 do conteúdo descompactado
    de cada arquivo e lê os bytes IDX direto num tensor: as imagens viram um só tensor
    float32 (N, 1, 28+2·padding, 28+2·padding), normalizado com a média e o desvio do
    treino (a borda com o valor do fundo), e os rótulos um tensor int64.

    Parâmetros
    ----------
    root : uma pasta para procurar primeiro (veja ``pasta_dados``).
    dispositivo : onde guardar os tensores (``"cpu"``, ``"cuda"``...).
    baixar : se pode tentar o download quando nenhum lugar tem os arquivos.
    padding : pixels de fundo acrescentados em cada borda (2 leva 28×28 a 32×32, como na
        LeNet-5).

    Retorna
    -------
    ``DadosTensores`` com ``reais`` verdadeiro e ``origem`` = a pasta dos arquivos lidos.
    Levanta ``DadosAusentes`` (com os lugares procurados e três jeitos de conseguir os
    dados) se não houver dados, e ``DadosCorrompidos`` (com o nome do arquivo) se um
    arquivo não for o original. Notebook 08.
    """
    _validar_padding(padding)
    lugares = _candidatas(root)
    arquivos = localizar_fashion_mnist(root)
    erro_download = None
    if arquivos is None and baixar:
        erro_download = _baixar(lugares[0][1])
        arquivos = _arquivos_em(lugares[0][1]) if erro_download is None else None
    if arquivos is None:
        raise DadosAusentes(_mensagem_ausentes(lugares, erro_download if baixar else None))
    tensores = ler_arquivos(arquivos, conferir=True)
    origem = str(arquivos[ARQUIVOS[0]].parent)
    return _montar(tensores, dispositivo, padding, CLASSES, sinteticos=False, origem=origem)


def carregar_sinteticos(
    root: Caminho,
    dispositivo: Union[str, torch.device] = "cpu",
    padding: int = 2,
) -> DadosTensores:
    """Carrega, de propósito, o substituto sintético que ``gerar_sinteticos(root)`` escreveu.

    Mesmo formato e mesma normalização de ``carregar_fashion_mnist``, com ``sinteticos``
    verdadeiro, as classes de ``CLASSES_SINTETICAS`` e o rótulo "dados sintéticos". Levanta
    ``DadosAusentes`` se ``root`` não tiver um substituto sintético. Testes e ``scripts/``.
    """
    _validar_padding(padding)
    raiz = Path(root).expanduser()
    arquivos = _arquivos_em(raiz)
    if arquivos is None or not (raiz / "FashionMNIST" / _MARCA_SINTETICA).exists():
        raise DadosAusentes(f"Não há um substituto sintético em {raiz}: crie-o com "
                            f"dados.gerar_sinteticos({str(raiz)!r}).")
    tensores = ler_arquivos(arquivos, conferir=False)
    return _montar(tensores, dispositivo, padding, CLASSES_SINTETICAS, sinteticos=True,
                   origem=str(raiz))
