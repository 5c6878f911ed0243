"""Tipos de resposta: como ler (normalizar), comparar e explicar a resposta de um aluno.

Cada tipo implementa ``normalizar`` (levanta ``RespostaInvalida`` com uma mensagem em
português se a entrada não serve), ``igual``, ``explicar`` (uma frase sobre a diferença, ou
``""``), ``formatar`` e ``erradas`` (respostas erradas aleatórias, para os testes).
O tipo de código fica em ``convaula.exercicios.codigo``. Notebooks 01 a 09.
"""

from __future__ import annotations

import math
import random
from numbers import Integral, Real as _Real
from typing import Any

import torch

__all__ = ["Alternativa", "Inteiro", "Real", "RespostaInvalida", "Tensor", "Tipo", "Tupla",
           "descrever"]


class RespostaInvalida(Exception):
    """A resposta não tem o tipo ou o formato pedido (a mensagem já vem em português)."""


def descrever(valor: Any) -> str:
    """Descreve um valor qualquer em português, sem endereços de memória."""
    if isinstance(valor, str):
        return f"o texto {valor!r}"
    if isinstance(valor, bool):
        return f"o valor lógico {valor}"
    if isinstance(valor, (Integral, _Real)):
        return f"o número {valor!r}"
    if isinstance(valor, torch.Tensor):
        return f"um tensor de forma {tuple(valor.shape)}"
    if isinstance(valor, (list, tuple)):
        nome = "uma lista" if isinstance(valor, list) else "uma tupla"
        return f"{nome} com {len(valor)} valor{'es' if len(valor) != 1 else ''}"
    if callable(valor):
        return "uma função"
    return f"um objeto do tipo {type(valor).__name__}"


def _inteiro(valor: Any, contexto: str) -> int:
    """Aceita int, inteiros do numpy/torch e floats inteiros (7.0); recusa o resto."""
    if isinstance(valor, torch.Tensor) and valor.numel() == 1 and not valor.is_floating_point():
        valor = valor.item()
    if isinstance(valor, bool):
        raise RespostaInvalida(f"{contexto} um inteiro, mas recebeu {descrever(valor)}.")
    if isinstance(valor, Integral):
        return int(valor)
    if isinstance(valor, _Real) and float(valor).is_integer():
        return int(valor)
    dica = " Escreva o número sem aspas." if isinstance(valor, str) else ""
    raise RespostaInvalida(f"{contexto} um inteiro, mas recebeu {descrever(valor)}.{dica}")


class Tipo:
    """Base dos tipos de resposta; ``referencia`` normaliza a resposta de referência."""

    def normalizar(self, resposta: Any) -> Any:
        raise NotImplementedError

    def referencia(self, resposta: Any) -> Any:
        return self.normalizar(resposta)

    def igual(self, a: Any, b: Any) -> bool:
        return a == b

    def explicar(self, valor: Any, referencia: Any) -> str:
        return ""

    def formatar(self, resposta: Any) -> str:
        return repr(self.normalizar(resposta))

    def erradas(self, resposta: Any, gerador: random.Random, n: int) -> list:
        raise NotImplementedError


class Inteiro(Tipo):
    """Um inteiro (tamanhos, contagens). Aceita 7, 7.0, ``torch.tensor(7)``."""

    def normalizar(self, resposta: Any) -> int:
        return _inteiro(resposta, "esperava")

    def erradas(self, resposta: Any, gerador: random.Random, n: int) -> list:
        ref = self.normalizar(resposta)
        deslocamentos = gerador.sample([d for d in range(-3 * n, 3 * n + 1) if d], n)
        return [ref + d for d in deslocamentos]


class Tupla(Tipo):
    """Uma tupla de ``tamanho`` inteiros (formas). Aceita tupla, lista ou ``torch.Size``."""

    def __init__(self, tamanho: int) -> None:
        self.tamanho = tamanho

    def normalizar(self, resposta: Any) -> tuple[int, ...]:
        exemplo = "(" + ", ".join(str(i + 1) for i in range(self.tamanho)) + ")"
        if not isinstance(resposta, (tuple, list, torch.Size)):
            raise RespostaInvalida(
                f"esperava uma tupla de {self.tamanho} inteiros, como {exemplo}, mas recebeu "
                f"{descrever(resposta)}.")
        if len(resposta) != self.tamanho:
            raise RespostaInvalida(
                f"esperava {self.tamanho} inteiros, como {exemplo}, mas sua resposta tem "
                f"{len(resposta)}.")
        return tuple(_inteiro(v, f"cada posição da tupla deve ser") for v in resposta)

    def explicar(self, valor: tuple, referencia: tuple) -> str:
        certas = [i for i, (a, b) in enumerate(zip(valor, referencia)) if a == b]
        if not certas:
            return "Nenhuma posição da tupla está certa."
        return f"Posições certas: {', '.join(str(i) for i in certas)} (contando do 0)."

    def erradas(self, resposta: Any, gerador: random.Random, n: int) -> list:
        ref = self.normalizar(resposta)
        saida: list[tuple[int, ...]] = []
        while len(saida) < n:
            outra = tuple(v + gerador.choice([0, 0, -2, -1, 1, 2, 5]) for v in ref)
            if outra != ref:
                saida.append(outra)
        return saida


class Real(Tipo):
    """Um número real, conferido com tolerância relativa ``rtol`` e absoluta ``atol``."""

    def __init__(self, rtol: float = 1e-3, atol: float = 1e-6) -> None:
        self.rtol, self.atol = rtol, atol

    def normalizar(self, resposta: Any) -> float:
        if isinstance(resposta, torch.Tensor) and resposta.numel() == 1:
            resposta = resposta.item()
        if isinstance(resposta, bool) or not isinstance(resposta, _Real):
            raise RespostaInvalida(f"esperava um número, mas recebeu {descrever(resposta)}.")
        if not math.isfinite(float(resposta)):
            raise RespostaInvalida(f"esperava um número finito, mas recebeu {resposta!r}.")
        return float(resposta)

    def igual(self, a: float, b: float) -> bool:
        return math.isclose(a, b, rel_tol=self.rtol, abs_tol=self.atol)

    def explicar(self, valor: float, referencia: float) -> str:
        return f"Sua resposta está {'acima' if valor > referencia else 'abaixo'} da esperada."

    def formatar(self, resposta: Any) -> str:
        return f"{self.normalizar(resposta):.6g}"

    def erradas(self, resposta: Any, gerador: random.Random, n: int) -> list:
        ref = self.normalizar(resposta)
        escala = abs(ref) if ref else 1.0
        return [ref + gerador.choice([-1, 1]) * escala * gerador.uniform(0.01, 3) for _ in range(n)]


class Tensor(Tipo):
    """Um tensor: confere a forma e depois os valores (``torch.allclose``). Aceita listas."""

    def __init__(self, rtol: float = 1e-4, atol: float = 1e-4) -> None:
        self.rtol, self.atol = rtol, atol

    def normalizar(self, resposta: Any) -> torch.Tensor:
        if isinstance(resposta, (str, bool)) or callable(resposta):
            raise RespostaInvalida(f"esperava um tensor, mas recebeu {descrever(resposta)}.")
        try:
            tensor = torch.as_tensor(resposta)
        except (TypeError, ValueError, RuntimeError):
            raise RespostaInvalida(f"esperava um tensor, mas recebeu {descrever(resposta)}, "
                                   f"que não vira tensor.") from None
        if tensor.dtype == torch.bool or tensor.is_complex():
            raise RespostaInvalida(f"esperava um tensor de números, mas recebeu um de {tensor.dtype}.")
        return tensor.detach().to(torch.float64)

    def igual(self, a: torch.Tensor, b: torch.Tensor) -> bool:
        return a.shape == b.shape and torch.allclose(a, b, rtol=self.rtol, atol=self.atol)

    def explicar(self, valor: torch.Tensor, referencia: torch.Tensor) -> str:
        if valor.shape != referencia.shape:
            return (f"Sua resposta tem forma {tuple(valor.shape)}, mas a esperada tem forma "
                    f"{tuple(referencia.shape)}.")
        erradas = int((~torch.isclose(valor, referencia, rtol=self.rtol, atol=self.atol)).sum())
        return f"A forma está certa, mas {erradas} de {valor.numel()} valores diferem."

    def formatar(self, resposta: Any) -> str:
        return str(torch.as_tensor(resposta))

    def erradas(self, resposta: Any, gerador: random.Random, n: int) -> list:
        ref = self.normalizar(resposta)
        saida = []
        for i in range(n):
            ruido = torch.tensor([gerador.uniform(0.5, 2) for _ in range(ref.numel())])
            mudado = ref + ruido.reshape(ref.shape).to(ref.dtype)
            saida.append(mudado if i % 4 else mudado.flatten()[:-1] if ref.numel() > 1 else ref + 1)
        return saida


class Alternativa(Tipo):
    """Uma entre poucas opções em texto (``"a"``, ``"b"``...); ignora maiúsculas e espaços."""

    def __init__(self, *opcoes: str) -> None:
        self.opcoes = tuple(o.lower() for o in opcoes)

    def normalizar(self, resposta: Any) -> str:
        lista = ", ".join(repr(o) for o in self.opcoes)
        if not isinstance(resposta, str):
            raise RespostaInvalida(f"esperava uma das opções {lista} (entre aspas), mas recebeu "
                                   f"{descrever(resposta)}.")
        texto = resposta.strip().lower()
        if texto not in self.opcoes:
            raise RespostaInvalida(f"esperava uma das opções {lista}, mas recebeu {resposta!r}.")
        return texto

    def erradas(self, resposta: Any, gerador: random.Random, n: int) -> list:
        outras = [o for o in self.opcoes if o != self.normalizar(resposta)]
        return [outras[i % len(outras)] for i in range(n)]
