"""O laço de treino do curso: lotes tirados de tensores que já moram no dispositivo.

Num conjunto pequeno como o Fashion-MNIST, o tempo do laço clássico (``DataLoader`` +
``ToTensor`` imagem por imagem) vai quase todo para o Python que manipula dados, não para
a aritmética. Aqui o conjunto inteiro já é um tensor no dispositivo; cada época sorteia
uma permutação no próprio dispositivo e cada lote é um ``x[indices]`` — nada de Python por
imagem. A avaliação roda sob ``torch.inference_mode``; o passo de otimização (``convaula.lenet.passo``) pode
usar um grafo CUDA, ``torch.compile``, ``channels_last`` e *autocast* bf16. A cada época o
histórico e um *checkpoint* (gravado de forma atômica) são atualizados, e um treino
interrompido retoma do *checkpoint*. Notebook 08 e ``scripts/benchmark_treino.py``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Iterator, Optional, Union

import torch
import torch.nn.functional as F
from torch import nn

from .._argumentos import inteiro
from .dados import DadosTensores
from .modelos import em_avaliacao
from .passo import Passo, criar_passo

__all__ = [
    "avaliar",
    "carregar_checkpoint",
    "escolher_dispositivo",
    "lotes",
    "salvar_checkpoint",
    "treinar",
    "treinar_epoca",
]

Dispositivo = Union[str, torch.device, None]


def escolher_dispositivo(dispositivo: Dispositivo = None) -> torch.device:
    """O dispositivo de treino: ``None``/``"auto"`` escolhe ``cuda`` se houver, senão ``cpu``.

    Aceita também ``"cpu"``, ``"cuda"``, ``"cuda:1"``, ``"mps"`` ou um ``torch.device``;
    um nome desconhecido ou um acelerador ausente levanta ``ValueError``. Notebook 08.
    """
    if dispositivo is None or dispositivo == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if not isinstance(dispositivo, (str, torch.device)):
        raise TypeError(f"dispositivo deve ser um texto ou torch.device, mas recebeu "
                        f"dispositivo={dispositivo!r}")
    try:
        escolhido = torch.device(dispositivo)
    except RuntimeError:
        raise ValueError(f"dispositivo desconhecido: dispositivo={dispositivo!r}; use 'auto', "
                         f"'cpu', 'cuda' ou 'cuda:N'") from None
    disponivel = {"cpu": True, "cuda": torch.cuda.is_available(),
                  "mps": torch.backends.mps.is_available()}
    if not disponivel.get(escolhido.type, False):
        raise ValueError(f"dispositivo={dispositivo!r} não está disponível nesta máquina; "
                         f"use 'auto' para escolher sozinho")
    return escolhido


def _validar_batch_size(batch_size: int) -> int:
    return inteiro("batch_size", batch_size, minimo=1)


def lotes(x: torch.Tensor, y: torch.Tensor, batch_size: int, embaralhar: bool = True,
          gerador: Optional[torch.Generator] = None) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """Percorre (x, y) em lotes; com ``embaralhar``, por uma permutação sorteada no dispositivo.

    Parâmetros
    ----------
    x, y : tensores com o mesmo primeiro eixo, no mesmo dispositivo.
    batch_size : tamanho de cada lote (o último pode ser menor).
    embaralhar : sorteia a ordem com ``torch.randperm`` (no dispositivo de ``x``).
    gerador : ``torch.Generator`` do mesmo dispositivo, para ordens reproduzíveis.
    """
    _validar_batch_size(batch_size)
    if len(x) != len(y):
        raise ValueError(f"x e y devem ter o mesmo número de exemplos, mas len(x)={len(x)} "
                         f"e len(y)={len(y)}")
    if not embaralhar:
        for i in range(0, len(x), batch_size):
            yield x[i:i + batch_size], y[i:i + batch_size]
        return
    ordem = torch.randperm(len(x), device=x.device, generator=gerador)
    for indices in ordem.split(batch_size):
        yield x[indices], y[indices]


def treinar_epoca(passo: Passo, x: torch.Tensor, y: torch.Tensor, batch_size: int,
                  gerador: Optional[torch.Generator] = None, barra=None) -> tuple[float, float]:
    """Uma época de treino com ``passo`` sobre lotes de ``lotes``; devolve (perda média, acurácia).

    ``barra`` é uma barra do tqdm (ou ``None``) que avança um lote por vez. Sincroniza com o
    dispositivo uma vez só, no fim.
    """
    soma_perda = torch.zeros((), device=x.device)
    acertos = torch.zeros((), dtype=torch.long, device=x.device)
    for xb, yb in lotes(x, y, batch_size, embaralhar=True, gerador=gerador):
        perda, certos = passo(xb, yb)
        soma_perda += perda
        acertos += certos
        if barra is not None:
            barra.update(1)
    return soma_perda.item() / len(x), acertos.item() / len(x)


@torch.inference_mode()
def avaliar(modelo: nn.Module, x: torch.Tensor, y: torch.Tensor, batch_size: int = 2000,
            bf16: bool = False) -> tuple[float, float]:
    """Perda média e acurácia de ``modelo`` em (x, y), sob ``torch.inference_mode``.

    A perda é somada exemplo a exemplo e dividida pelo número de exemplos (não pelo de
    lotes). O modelo volta ao modo em que estava. Usada por ``treinar`` a cada época.
    """
    soma, certos = torch.zeros((), device=x.device), torch.zeros((), device=x.device)
    with em_avaliacao(modelo):
        for xb, yb in lotes(x, y, batch_size, embaralhar=False):
            with torch.autocast(x.device.type, dtype=torch.bfloat16, enabled=bf16):
                saida = modelo(xb)
            soma += F.cross_entropy(saida.float(), yb, reduction="sum")
            certos += (saida.argmax(dim=1) == yb).sum()
    return soma.item() / len(x), certos.item() / len(x)


def salvar_checkpoint(caminho: Union[str, os.PathLike], modelo: nn.Module,
                      otimizador: torch.optim.Optimizer, historico: list[dict]) -> Path:
    """Grava pesos, otimizador e histórico num arquivo temporário e depois o renomeia (atômico).

    Um treino interrompido no meio da gravação deixa o *checkpoint* anterior intacto.
    """
    caminho = Path(caminho)
    caminho.parent.mkdir(parents=True, exist_ok=True)
    temporario = caminho.with_name(caminho.name + ".tmp")
    torch.save({"modelo": modelo.state_dict(), "otimizador": otimizador.state_dict(),
                "historico": list(historico)}, temporario)
    os.replace(temporario, caminho)
    return caminho


def carregar_checkpoint(caminho: Union[str, os.PathLike], modelo: nn.Module,
                        otimizador: Optional[torch.optim.Optimizer] = None) -> list[dict]:
    """Restaura pesos (e o otimizador) de um *checkpoint* com ``weights_only=True``; devolve o histórico."""
    dispositivo = next(modelo.parameters()).device
    estado = torch.load(caminho, map_location=dispositivo, weights_only=True)
    modelo.load_state_dict(estado["modelo"])
    if otimizador is not None:
        otimizador.load_state_dict(estado["otimizador"])
    return list(estado["historico"])


def _preparar_execucao(modelo: nn.Module, dados: DadosTensores, dispositivo: torch.device,
                       channels_last: bool) -> tuple[torch.Tensor, ...]:
    """Leva modelo, treino e avaliação ao dispositivo (e ao formato ``channels_last``, se pedido).

    A avaliação de cada época é a validação, se ``dados`` tiver uma; senão, o teste.
    """
    formato = torch.channels_last if channels_last else torch.contiguous_format
    modelo.to(dispositivo, memory_format=formato)
    x_av, y_av = ((dados.x_teste, dados.y_teste) if dados.x_validacao is None
                  else (dados.x_validacao, dados.y_validacao))
    return (dados.x_treino.to(dispositivo, memory_format=formato), dados.y_treino.to(dispositivo),
            x_av.to(dispositivo, memory_format=formato), y_av.to(dispositivo))


def _nova_barra(epoca: int, epocas: int, total: int, barra: bool):
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=f"época {epoca + 1}/{epocas}", unit="lote",
                disable=not barra, leave=True)


def treinar(
    modelo: nn.Module,
    dados: DadosTensores,
    epocas: int = 10,
    lr: float = 0.1,
    batch_size: int = 128,
    weight_decay: float = 1e-6,
    momentum: float = 0.0,
    dispositivo: Dispositivo = None,
    bf16: bool = False,
    channels_last: bool = False,
    compilar: Union[bool, str] = False,
    grafo_cuda: Optional[bool] = None,
    checkpoint: Union[str, os.PathLike, None] = None,
    semente: int = 0,
    barra: bool = True,
) -> list[dict]:
    """Treina ``modelo`` com SGD sobre os tensores de ``dados`` e devolve o histórico por época.

    Parâmetros
    ----------
    modelo : a rede (``LeNet5``...); é movida para o dispositivo.
    dados : ``DadosTensores`` de ``convaula.lenet.dados``.
    epocas : número total de épocas (contando as já feitas num *checkpoint*).
    lr, weight_decay, momentum : do ``torch.optim.SGD`` (padrões: a receita de 1998 do curso,
        0.1, 1e-6 e sem momento).
    batch_size : imagens por lote (padrão 128).
    dispositivo : ``None``/``"auto"``, ``"cpu"``, ``"cuda"``... (``escolher_dispositivo``).
    bf16 : *autocast* bfloat16 na propagação para frente (útil em GPUs recentes).
    channels_last : formato de memória ``channels_last`` no modelo e nas imagens.
    compilar : passa a propagação para frente por ``torch.compile`` (``True`` ou um modo,
        ex. ``"reduce-overhead"``).
    grafo_cuda : grava o passo de otimização inteiro num grafo CUDA (``None``: sim no CUDA, se não compilar).
    checkpoint : arquivo gravado a cada época; se já existir, o treino continua dele.
    semente : semente da ordem dos lotes (a época e usa ``semente + e``).
    barra : mostra uma barra de progresso do ``tqdm.auto``.

    Retorna
    -------
    Lista com um dicionário por época: ``epoca``, ``perda``, ``acc``, ``perda_validacao`` e
    ``acc_validacao`` (se ``dados`` tiver validação, de ``dados.separar_validacao``; senão
    ``perda_teste`` e ``acc_teste``), ``segundos`` (treino e avaliação) e ``imagens_s``. Notebook 08.
    """
    _validar_batch_size(batch_size)
    epocas = inteiro("epocas", epocas, minimo=1)
    disp = escolher_dispositivo(dispositivo)
    no_cuda = disp.type == "cuda"
    onde = "teste" if dados.x_validacao is None else "validacao"
    x, y, x_teste, y_teste = _preparar_execucao(modelo, dados, disp, bool(channels_last))
    otimizador = torch.optim.SGD(modelo.parameters(), lr=lr, weight_decay=weight_decay,
                                 momentum=momentum)
    historico = []
    if checkpoint is not None and Path(checkpoint).exists():
        historico = carregar_checkpoint(checkpoint, modelo, otimizador)
    grafo = (no_cuda and not compilar) if grafo_cuda is None else grafo_cuda
    passo = criar_passo(modelo, otimizador, bf16, compilar, grafo)
    gerador = torch.Generator(device=disp)
    for epoca in range(len(historico), epocas):
        gerador.manual_seed(semente + epoca)
        with _nova_barra(epoca, epocas, -(-len(x) // batch_size), barra) as progresso:
            inicio = time.perf_counter()
            perda, acc = treinar_epoca(passo, x, y, batch_size, gerador, progresso)
            perda_teste, acc_teste = avaliar(modelo, x_teste, y_teste, bf16=bf16)
            segundos = time.perf_counter() - inicio
            progresso.set_postfix(perda=f"{perda:.3f}", acc=f"{acc:.3f}", **{f"acc_{onde}": f"{acc_teste:.3f}"})
        historico.append({"epoca": epoca + 1, "perda": perda, "acc": acc,
                          f"perda_{onde}": perda_teste, f"acc_{onde}": acc_teste,
                          "segundos": segundos, "imagens_s": len(x) / segundos})
        if checkpoint is not None:
            salvar_checkpoint(checkpoint, modelo, otimizador, historico)
    return historico
