"""Respostas em código: a função do aluno roda em casos aleatórios pequenos contra o torch.

Os casos saem de um gerador com semente fixa, então as mensagens são sempre as mesmas.
Uma exceção no código do aluno vira uma frase em português com o caso que falhou (nunca
uma pilha de chamadas); um retorno do tipo ou da forma errada é explicado. Um laço infinito
é interrompido depois de ``segundos`` quando o Python permite (linha principal, Unix).
Notebooks 01, 04 e outros que pedem uma função.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import random
import signal
import threading
from typing import Any, Callable, Sequence

import torch

from .tipos import RespostaInvalida, Tipo, descrever

__all__ = ["Codigo", "formatar_caso"]


class _TempoEsgotado(Exception):
    pass


@contextlib.contextmanager
def _limite(segundos: float):
    """Interrompe o bloco depois de ``segundos`` (só na linha principal, com SIGALRM)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _estourou(*_):
        raise _TempoEsgotado

    anterior = signal.signal(signal.SIGALRM, _estourou)
    signal.setitimer(signal.ITIMER_REAL, segundos)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, anterior)


def _texto(valor: Any) -> str:
    if isinstance(valor, torch.Tensor):
        numeros = valor.detach().to(torch.float64).round(decimals=4).tolist()
        return f"tensor({numeros})".replace(".0,", ",").replace(".0]", "]")
    return repr(valor)


def formatar_caso(nomes: Sequence[str], caso: Sequence[Any]) -> str:
    """``x=tensor([1, 2]), w=tensor([3])``: o caso de teste em texto estável."""
    return ", ".join(f"{nome}={_texto(v)}" for nome, v in zip(nomes, caso))


def _copia(caso: Sequence[Any]) -> tuple:
    return tuple(v.clone() if isinstance(v, torch.Tensor) else v for v in caso)


class Codigo(Tipo):
    """A resposta é uma função; confere a saída dela contra ``oraculo`` (feito com torch).

    Parâmetros
    ----------
    oraculo : função de referência (usa o torch) com a mesma assinatura pedida ao aluno.
    casos : ``casos(gerador) -> [(arg1, arg2, ...), ...]``, com ``gerador`` um
        ``torch.Generator`` de semente fixa; casos pequenos, de preferência com inteiros.
    nomes : nomes dos argumentos, para descrever um caso (``("x", "w")``).
    semente, rtol, atol, segundos : semente dos casos, tolerâncias e limite por chamada.
    """

    def __init__(self, oraculo: Callable, casos: Callable[[torch.Generator], list],
                 nomes: Sequence[str], semente: int = 0, rtol: float = 1e-4,
                 atol: float = 1e-4, segundos: float = 5.0) -> None:
        self.oraculo, self.nomes = oraculo, tuple(nomes)
        self.rtol, self.atol, self.segundos = rtol, atol, segundos
        self.casos = [tuple(c) for c in casos(torch.Generator().manual_seed(semente))]

    def _chamar(self, funcao: Callable, caso: tuple) -> torch.Tensor:
        texto = formatar_caso(self.nomes, caso)
        try:
            with contextlib.redirect_stdout(io.StringIO()), _limite(self.segundos):
                saida = funcao(*_copia(caso))
        except _TempoEsgotado:
            raise RespostaInvalida(f"sua função passou de {self.segundos:g} s no caso {texto} "
                                   f"(um laço que não termina?).") from None
        except Exception as erro:  # o código do aluno pode levantar qualquer coisa
            mensagem = str(erro).split("\n")[0][:160]
            raise RespostaInvalida(f"sua função levantou {type(erro).__name__} ({mensagem}) no "
                                   f"caso {texto}.") from None
        if saida is None:
            raise RespostaInvalida(f"sua função devolveu None no caso {texto}: faltou o return?")
        try:
            return torch.as_tensor(saida).detach().to(torch.float64)
        except (TypeError, ValueError, RuntimeError):
            raise RespostaInvalida(f"sua função devolveu {descrever(saida)} no caso {texto}; "
                                   f"esperava um tensor.") from None

    def normalizar(self, resposta: Any) -> list[torch.Tensor]:
        if not callable(resposta) or isinstance(resposta, type):
            raise RespostaInvalida(
                f"esperava uma função: escreva def sua_funcao({', '.join(self.nomes)}): ... e "
                f"passe o nome dela, sem parênteses; mas recebeu {descrever(resposta)}.")
        return [self._chamar(resposta, caso) for caso in self.casos]

    def referencia(self, resposta: Any) -> list[torch.Tensor]:
        return [torch.as_tensor(self.oraculo(*_copia(c))).to(torch.float64) for c in self.casos]

    def _bate(self, a: torch.Tensor, b: torch.Tensor) -> bool:
        return a.shape == b.shape and torch.allclose(a, b, rtol=self.rtol, atol=self.atol)

    def igual(self, a: list, b: list) -> bool:
        return all(self._bate(x, y) for x, y in zip(a, b))

    def explicar(self, valor: list, referencia: list) -> str:
        for caso, x, y in zip(self.casos, valor, referencia):
            if self._bate(x, y):
                continue
            texto = formatar_caso(self.nomes, caso)
            if x.shape != y.shape:
                return (f"No caso {texto}, sua função devolveu forma {tuple(x.shape)}, mas a "
                        f"esperada é {tuple(y.shape)}.")
            return f"No caso {texto}, esperava {_texto(y)}, mas sua função devolveu {_texto(x)}."
        return ""

    def formatar(self, resposta: Any) -> str:
        try:
            return "\n" + inspect.getsource(resposta).rstrip()
        except (OSError, TypeError):
            return getattr(resposta, "__name__", "uma função")

    def erradas(self, resposta: Any, gerador: random.Random, n: int) -> list:
        oraculo, saida = self.oraculo, []
        for i in range(n):
            c = gerador.choice([0.5, 2.0, -1.0, 3.0])
            modos = [lambda *a, c=c: oraculo(*a) * c, lambda *a, c=c: oraculo(*a) + c,
                     lambda *a: oraculo(*a).flip(-1) + 0.5, lambda *a: oraculo(*a).flatten()[:-1]]
            saida.append(modos[i % len(modos)])
        return saida
