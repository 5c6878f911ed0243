"""Respostas em código: a função do aluno roda em casos aleatórios pequenos contra o torch.

Os casos saem de um gerador com semente fixa, então as mensagens são sempre as mesmas.
Nada que a função do aluno faça escapa da conferência: qualquer exceção (também
``SystemExit``, ``KeyboardInterrupt`` e ``OverflowError``) vira uma frase em português com o
caso que falhou, nunca uma pilha de chamadas; um retorno do tipo ou da forma errada é
explicado. O limite de tempo por chamada (Unix, linha principal) levanta uma exceção que
``except Exception`` não captura, e uma função que só imprime demais é chamada assim, não de
"laço que não termina". Na correção do professor a função roda num processo novo, numa caixa
de areia, e só as saídas voltam (``SaidasDeCodigo``): a comparação é feita fora do alcance do
código do aluno. Notebooks 01, 02 e 04.
"""

from __future__ import annotations

import contextlib
import inspect
import random
import signal
import sys
import threading
from typing import Any, Callable, Sequence

import torch

from .execucao import SaidaContada
from .tipos import RespostaInvalida, Tipo, descrever

__all__ = ["Codigo", "SaidasDeCodigo", "formatar_caso"]

LIMITE_IMPRESSO = 1_000_000  # caracteres que a função do aluno pode imprimir por caso


class _TempoEsgotado(BaseException):
    """Levantada pelo alarme; deriva de BaseException para ``except Exception`` não a engolir."""


class _SaidaDemais(BaseException):
    pass


@contextlib.contextmanager
def _limite(segundos: float):
    """Interrompe o bloco depois de ``segundos`` (só na linha principal, com SIGALRM); o
    alarme se repete a cada 0,1 s enquanto o bloco não termina."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _estourou(*_):
        raise _TempoEsgotado

    anterior = signal.signal(signal.SIGALRM, _estourou)
    signal.setitimer(signal.ITIMER_REAL, segundos, 0.1)
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


def _limpo(texto: str, tamanho: int = 160) -> str:
    """Primeira linha, sem caracteres de controle, cortada (texto vindo do código do aluno)."""
    linha = str(texto).split("\n")[0]
    return "".join(c if c.isprintable() else "?" for c in linha)[:tamanho]


class SaidasDeCodigo:
    """O que a função do aluno fez em cada caso, medido noutro processo.

    ``resultados``: uma entrada por caso, ``("ok", tensor)`` ou ``(falha, detalhe)`` com falha
    ``"tempo"``, ``"saida"``, ``"excecao"`` (detalhe: (nome, mensagem)), ``"none"`` ou
    ``"retorno"`` (detalhe: a descrição do valor devolvido); a lista pode parar na primeira
    falha. ``Codigo.normalizar`` aceita isso
    no lugar da função e escreve as mensagens.
    """

    descricao = "uma função"

    def __init__(self, resultados: Sequence[tuple[str, Any]]) -> None:
        self.resultados = list(resultados)


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

    # -- executar a função do aluno (no notebook ou no processo isolado da correção) -----------
    def executar(self, funcao: Callable, caso: tuple) -> tuple[str, Any]:
        """Chama ``funcao`` num caso; devolve ``("ok", tensor)`` ou ``(falha, detalhe)``."""
        saida_padrao, impresso = sys.stdout, SaidaContada(LIMITE_IMPRESSO, _SaidaDemais, uma_vez=False)
        try:
            sys.stdout = impresso
            with _limite(self.segundos):
                saida = funcao(*_copia(caso))
        except _TempoEsgotado:
            return "tempo", impresso.caracteres
        except _SaidaDemais:
            return "saida", impresso.caracteres
        except BaseException as erro:  # o código do aluno pode levantar qualquer coisa
            return "excecao", (type(erro).__name__, _limpo(erro))
        finally:
            sys.stdout = saida_padrao
        if saida is None:
            return "none", None
        try:
            return "ok", torch.as_tensor(saida).detach().to(torch.float64)
        except Exception:  # noqa: BLE001 — qualquer coisa que não vira tensor
            return "retorno", descrever(saida)

    def _mensagem(self, falha: str, detalhe: Any, caso: tuple) -> str:
        texto = formatar_caso(self.nomes, caso)
        if falha == "tempo":
            if isinstance(detalhe, int) and detalhe > 10_000:
                return (f"sua função passou de {self.segundos:g} s no caso {texto}, imprimindo "
                        f"{detalhe} caracteres: tire os print de dentro dela.")
            return f"sua função passou de {self.segundos:g} s no caso {texto} (um laço que não termina?)."
        if falha == "saida":
            return (f"sua função imprimiu mais de {LIMITE_IMPRESSO} caracteres no caso {texto}: "
                    f"tire os print de dentro dela.")
        if falha == "excecao":
            nome, mensagem = detalhe
            return f"sua função levantou {_limpo(nome, 60)} ({_limpo(mensagem)}) no caso {texto}."
        if falha == "none":
            return f"sua função devolveu None no caso {texto}: faltou o return?"
        return f"sua função devolveu {_limpo(detalhe, 80)} no caso {texto}; esperava um tensor."

    def _assinatura(self, resposta: Callable) -> None:
        try:
            assinatura = inspect.signature(resposta)
        except (TypeError, ValueError):
            return
        try:
            assinatura.bind(*self.nomes)
        except TypeError:
            n = len(self.nomes)
            raise RespostaInvalida(
                f"esperava uma função de {n} argumento{'s' if n != 1 else ''} "
                f"({', '.join(self.nomes)}), mas {descrever(resposta)} recebe "
                f"{len(assinatura.parameters)}.") from None

    def normalizar(self, resposta: Any) -> list[torch.Tensor]:
        if isinstance(resposta, SaidasDeCodigo):
            resultados = resposta.resultados  # param na primeira falha
            completos = len(resultados) == len(self.casos)
            if not resultados or len(resultados) > len(self.casos) or \
                    not completos and resultados[-1][0] == "ok":
                raise RespostaInvalida("a execução da sua função não trouxe um resultado por caso.")
        elif not callable(resposta) or isinstance(resposta, type):
            raise RespostaInvalida(
                f"esperava uma função: escreva def sua_funcao({', '.join(self.nomes)}): ... e "
                f"passe o nome dela, sem parênteses; mas recebeu {descrever(resposta)}.")
        else:
            self._assinatura(resposta)
            resultados = None
        saidas = []
        for i, caso in enumerate(self.casos):
            falha, detalhe = resultados[i] if resultados is not None else self.executar(resposta, caso)
            if falha != "ok":
                raise RespostaInvalida(self._mensagem(falha, detalhe, caso))
            saidas.append(detalhe)
        return saidas

    def referencia(self, resposta: Any) -> list[torch.Tensor]:
        return [torch.as_tensor(self.oraculo(*_copia(c))).to(torch.float64) for c in self.casos]

    def _bate(self, a: torch.Tensor, b: torch.Tensor) -> bool:
        return a.shape == b.shape and bool(torch.isclose(a, b, rtol=self.rtol, atol=self.atol).all())

    def igual(self, a: list, b: list) -> bool:
        return len(a) == len(b) and all(self._bate(x, y) for x, y in zip(a, b))

    def explicar(self, valor: list, referencia: list) -> str:
        for caso, x, y in zip(self.casos, valor, referencia):
            if self._bate(x, y):
                continue
            texto = formatar_caso(self.nomes, caso)
            if x.shape != y.shape:
                return (f"No caso {texto}, sua função devolveu forma {tuple(x.shape)}, mas a "
                        f"esperada é {tuple(y.shape)}.")
            return (f"No caso {texto}, esperava {_texto(y)}, mas sua função devolveu {_texto(x)} "
                    f"(tolerância: |a − b| ≤ {self.atol:g} + {self.rtol:g}·|b|).")
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
