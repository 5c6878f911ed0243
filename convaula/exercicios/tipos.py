"""Tipos de resposta: como ler (normalizar), comparar e explicar a resposta de um aluno.

Cada tipo implementa ``normalizar`` (levanta ``RespostaInvalida`` com uma mensagem em
português se a entrada não serve), ``igual``, ``explicar`` (uma frase sobre a diferença, ou
``""``), ``formatar`` e ``erradas`` (respostas erradas aleatórias, para os testes).
Formas equivalentes contam como certas: um inteiro pode vir como ``7.0``, ``torch.tensor(7)``
ou um arranjo de dimensão 0; um tensor pode ter eixos de tamanho 1 a mais ou a menos
(``(1, 1, 4)`` por ``(4,)``); numa alternativa, maiúsculas, espaços e acentos não contam
("nao" = "não"). Cada tolerância numérica aparece na mensagem de uma resposta recusada.
O tipo de código fica em ``convaula.exercicios.codigo``. Notebooks 01 a 09.
"""

from __future__ import annotations

import math
import random
import unicodedata
from numbers import Integral, Real as _Real
from typing import Any

import torch

__all__ = ["Alternativa", "Inteiro", "Real", "RespostaInvalida", "Tensor", "Tipo", "Tupla",
           "descrever", "sem_acentos"]


class RespostaInvalida(Exception):
    """A resposta não tem o tipo ou o formato pedido (a mensagem já vem em português)."""


def _arranjo(valor: Any) -> bool:
    """Um ``numpy.ndarray`` ou escalar do numpy (sem importar o numpy à toa)."""
    return type(valor).__module__ == "numpy" and hasattr(valor, "shape") and hasattr(valor, "dtype")


def descrever(valor: Any) -> str:
    """Descreve um valor qualquer em português, sem endereços de memória."""
    descricao = getattr(valor, "descricao", None)  # valores vindos de outro processo
    if isinstance(descricao, str):
        return descricao
    if isinstance(valor, str):
        texto = valor if len(valor) <= 40 else valor[:37] + "..."
        return f"o texto {texto!r}"
    if isinstance(valor, bool):
        return f"o valor lógico {valor}"
    if isinstance(valor, Integral):
        texto = repr(int(valor))
        return f"o número {texto}" if len(texto) <= 30 else f"um inteiro de {len(texto)} algarismos"
    if isinstance(valor, _Real):
        return f"o número {valor!r}"
    if isinstance(valor, torch.Tensor) or _arranjo(valor):
        nome = "um tensor" if isinstance(valor, torch.Tensor) else "um arranjo do numpy"
        return f"{nome} de forma {tuple(valor.shape)}"
    if isinstance(valor, (list, tuple)):
        nome = "uma lista" if isinstance(valor, list) else "uma tupla"
        return f"{nome} com {len(valor)} valor{'es' if len(valor) != 1 else ''}"
    if isinstance(valor, type):
        return f"a classe {valor.__name__}"
    if callable(valor):
        nome = getattr(valor, "__name__", "")
        if not nome or nome == "<lambda>":
            return "uma função sem nome (lambda)"
        return f"a função {nome}"
    return f"um objeto do tipo {type(valor).__name__}"


def sem_acentos(texto: str) -> str:
    """Minúsculas, sem acentos e sem espaços nas pontas ("  Não " -> "nao"); NFC = NFD."""
    decomposto = unicodedata.normalize("NFKD", texto.strip().casefold())
    return "".join(c for c in decomposto if not unicodedata.combining(c))


def _um_numero(valor: Any) -> Any:
    """Um tensor ou arranjo de um só número (de qualquer forma) vira esse número."""
    if isinstance(valor, torch.Tensor) and valor.numel() == 1:
        return valor.detach().reshape(()).item()
    if _arranjo(valor) and getattr(valor, "size", 0) == 1:
        return valor.reshape(()).item()
    return valor


def _inteiro(valor: Any, contexto: str) -> int:
    """Aceita int, inteiros do numpy/torch, floats inteiros (7.0) e tensores de um número."""
    valor = _um_numero(valor)
    if isinstance(valor, bool):
        raise RespostaInvalida(f"{contexto} um inteiro, mas recebeu {descrever(valor)}.")
    if isinstance(valor, Integral):
        return int(valor)
    if isinstance(valor, _Real) and math.isfinite(float(valor)) and float(valor).is_integer():
        return int(valor)
    dica = " Escreva o número sem aspas." if isinstance(valor, str) else ""
    raise RespostaInvalida(f"{contexto} um inteiro, mas recebeu {descrever(valor)}.{dica}")


def _ordinal(i: int) -> str:
    return f"{i + 1}ª"


def _lista(itens: list[str]) -> str:
    return itens[0] if len(itens) == 1 else ", ".join(itens[:-1]) + " e " + itens[-1]


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
    """Um inteiro (tamanhos, contagens). Aceita 7, 7.0, ``torch.tensor(7)``, ``np.int64(7)``."""

    def normalizar(self, resposta: Any) -> int:
        return _inteiro(resposta, "esperava")

    def erradas(self, resposta: Any, gerador: random.Random, n: int) -> list:
        ref = self.normalizar(resposta)
        deslocamentos = gerador.sample([d for d in range(-3 * n, 3 * n + 1) if d], n)
        return [ref + d for d in deslocamentos]


class Tupla(Tipo):
    """Uma tupla de ``tamanho`` inteiros (formas). Aceita tupla, lista, ``torch.Size`` ou um
    tensor/arranjo de uma dimensão."""

    def __init__(self, tamanho: int) -> None:
        self.tamanho = tamanho

    def normalizar(self, resposta: Any) -> tuple[int, ...]:
        exemplo = "(" + ", ".join(str(i + 1) for i in range(self.tamanho)) + ")"
        if (isinstance(resposta, torch.Tensor) or _arranjo(resposta)) and len(resposta.shape) == 1:
            resposta = resposta.tolist()
        if not isinstance(resposta, (tuple, list, torch.Size)):
            raise RespostaInvalida(
                f"esperava uma tupla de {self.tamanho} inteiros, como {exemplo}, mas recebeu "
                f"{descrever(resposta)}.")
        if len(resposta) != self.tamanho:
            raise RespostaInvalida(
                f"esperava {self.tamanho} inteiros, como {exemplo}, mas sua resposta tem "
                f"{len(resposta)}.")
        return tuple(_inteiro(v, "cada posição da tupla deve ser") for v in resposta)

    def explicar(self, valor: tuple, referencia: tuple) -> str:
        certas = [_ordinal(i) for i, (a, b) in enumerate(zip(valor, referencia)) if a == b]
        if not certas:
            return "Nenhuma posição da tupla está certa."
        if len(certas) == 1:
            return f"Só a {certas[0]} posição da tupla está certa."
        return f"Estão certas a {_lista(certas)} posições da tupla; as outras, não."

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
        resposta = _um_numero(resposta)
        if isinstance(resposta, bool) or not isinstance(resposta, _Real):
            raise RespostaInvalida(f"esperava um número, mas recebeu {descrever(resposta)}.")
        try:
            numero = float(resposta)
        except OverflowError:
            raise RespostaInvalida(f"esperava um número, mas {descrever(resposta)} é grande "
                                   f"demais para um float.") from None
        if not math.isfinite(numero):
            raise RespostaInvalida(f"esperava um número finito, mas recebeu {resposta!r}.")
        return numero

    def igual(self, a: float, b: float) -> bool:
        return math.isclose(a, b, rel_tol=self.rtol, abs_tol=self.atol)

    def explicar(self, valor: float, referencia: float) -> str:
        return (f"Sua resposta está {'acima' if valor > referencia else 'abaixo'} da esperada, "
                f"além da tolerância (relativa {self.rtol:g}, absoluta {self.atol:g}).")

    def formatar(self, resposta: Any) -> str:
        return f"{self.normalizar(resposta):.6g}"

    def erradas(self, resposta: Any, gerador: random.Random, n: int) -> list:
        ref = self.normalizar(resposta)
        escala = abs(ref) if ref else 1.0
        return [ref + gerador.choice([-1, 1]) * escala * gerador.uniform(0.01, 3) for _ in range(n)]


def _sem_eixos_unitarios(tensor: torch.Tensor) -> tuple[int, ...]:
    return tuple(d for d in tensor.shape if d != 1)


class Tensor(Tipo):
    """Um tensor: confere a forma e depois os valores (``torch.allclose``). Aceita listas,
    arranjos do numpy e formas que só diferem por eixos de tamanho 1."""

    def __init__(self, rtol: float = 1e-4, atol: float = 1e-4) -> None:
        self.rtol, self.atol = rtol, atol

    def normalizar(self, resposta: Any) -> torch.Tensor:
        if isinstance(resposta, (str, bool)) or callable(resposta):
            raise RespostaInvalida(f"esperava um tensor, mas recebeu {descrever(resposta)}.")
        try:
            tensor = torch.as_tensor(resposta)
        except (TypeError, ValueError, RuntimeError, OverflowError):
            raise RespostaInvalida(f"esperava um tensor, mas recebeu {descrever(resposta)}, "
                                   f"que não vira tensor.") from None
        if tensor.dtype == torch.bool or tensor.is_complex():
            raise RespostaInvalida(f"esperava um tensor de números, mas recebeu um de {tensor.dtype}.")
        return tensor.detach().to(torch.float64)

    def _alinhar(self, a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor] | None:
        """Os dois com a mesma forma, se só diferem por eixos de tamanho 1; senão ``None``."""
        if a.shape == b.shape:
            return a, b
        if _sem_eixos_unitarios(a) == _sem_eixos_unitarios(b):
            return a.reshape(b.shape), b
        return None

    def igual(self, a: torch.Tensor, b: torch.Tensor) -> bool:
        par = self._alinhar(a, b)
        return par is not None and bool(torch.isclose(*par, rtol=self.rtol, atol=self.atol).all())

    def _tolerancia(self) -> str:
        return f"(tolerância: |a − b| ≤ {self.atol:g} + {self.rtol:g}·|b|)"

    def explicar(self, valor: torch.Tensor, referencia: torch.Tensor) -> str:
        par = self._alinhar(valor, referencia)
        if par is None:
            return (f"Sua resposta tem forma {tuple(valor.shape)}, mas a esperada tem forma "
                    f"{tuple(referencia.shape)} (eixos de tamanho 1 a mais ou a menos não contam).")
        erradas = int((~torch.isclose(*par, rtol=self.rtol, atol=self.atol)).sum())
        return (f"A forma está certa, mas {erradas} de {valor.numel()} valores diferem "
                f"{self._tolerancia()}.")

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
    """Uma entre poucas opções em texto (``"a"``, ``"b"``...); ignora maiúsculas, espaços e
    acentos (em NFC ou NFD)."""

    def __init__(self, *opcoes: str) -> None:
        self.opcoes = tuple(o.lower() for o in opcoes)
        self._chaves = {sem_acentos(o): o for o in self.opcoes}

    def normalizar(self, resposta: Any) -> str:
        lista = ", ".join(repr(o) for o in self.opcoes)
        if not isinstance(resposta, str):
            raise RespostaInvalida(f"esperava uma das opções {lista} (entre aspas), mas recebeu "
                                   f"{descrever(resposta)}.")
        opcao = self._chaves.get(sem_acentos(resposta))
        if opcao is None:
            raise RespostaInvalida(f"esperava uma das opções {lista}, mas recebeu "
                                   f"{descrever(resposta)[len('o texto '):]}.")
        return opcao

    def erradas(self, resposta: Any, gerador: random.Random, n: int) -> list:
        outras = [o for o in self.opcoes if o != self.normalizar(resposta)]
        return [outras[i % len(outras)] for i in range(n)]
