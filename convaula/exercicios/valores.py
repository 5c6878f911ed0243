"""O canal estreito entre o notebook do aluno e a correção: valores de resposta em JSON.

No notebook (dentro da caixa de areia), ``codificar`` transforma a resposta em JSON simples:
números (inteiros grandes como texto), textos, listas e tuplas, tensores e arranjos do numpy
como ``{"dtype", "forma", "v"}`` com os valores em lista, e uma função como o código-fonte
dela (com as funções e módulos que ela usa). Na correção, ``decodificar`` só aceita esse
formato, com limites de tamanho e profundidade, e devolve valores comuns do Python/torch
(ou um marcador que se descreve, para o que não é valor). Nenhum veredito passa por aqui.
"""

from __future__ import annotations

import inspect
import math
import types
from typing import Any

__all__ = ["CanalInvalido", "FuncaoDoAluno", "Opaco", "codificar", "decodificar"]

MAX_ITENS = 200_000       # números num valor, somando tudo
MAX_TEXTO = 20_000        # caracteres de um texto ou de uma fonte
MAX_PROFUNDIDADE = 8
DTYPES = {"float64", "float32", "float16", "bfloat16", "int64", "int32", "int16", "int8",
          "uint8", "bool"}


class CanalInvalido(Exception):
    """O que veio do notebook não está no formato do canal."""


class Opaco:
    """Um valor que não atravessa o canal (um objeto qualquer); só se descreve."""

    def __init__(self, descricao: str) -> None:
        self.descricao = descricao

    def __repr__(self) -> str:
        return f"<{self.descricao}>"


class FuncaoDoAluno:
    """Uma função do aluno em forma de código-fonte: não é chamável aqui, de propósito.

    ``fonte``: as definições (a função e as que ela usa), ``nome``: a que responde,
    ``vazia``: o corpo é só ``...`` (ainda sem resposta)."""

    def __init__(self, nome: str, fonte: str, vazia: bool) -> None:
        self.nome, self.fonte, self.vazia = nome, fonte, vazia
        self.descricao = "uma função sem nome (lambda)" if nome == "<lambda>" else f"a função {nome}"


# ----------------------------------------------------------------------------------------
# No notebook
# ----------------------------------------------------------------------------------------

def _vazia(*args: Any) -> None:
    ...


def _fonte_da_funcao(funcao: types.FunctionType) -> tuple[str, bool]:
    """As linhas de importação e definições de que ``funcao`` precisa, mais ela própria."""
    partes, vistos = [], set()

    def visitar(f: types.FunctionType, profundidade: int) -> None:
        if f in vistos or profundidade > 4:
            return
        vistos.add(f)
        globais = getattr(f, "__globals__", {})
        for nome in f.__code__.co_names:
            valor = globais.get(nome)
            if isinstance(valor, types.ModuleType):
                partes.append(f"import {valor.__name__} as {nome}")
            elif isinstance(valor, types.FunctionType) and valor.__module__ == f.__module__:
                visitar(valor, profundidade + 1)
            elif isinstance(valor, (types.FunctionType, type)) and valor.__module__ not in (
                    f.__module__, None):
                partes.append(f"from {valor.__module__} import {valor.__qualname__} as {nome}")
            elif isinstance(valor, (int, float, str, bool, tuple)) and nome != f.__name__:
                partes.append(f"{nome} = {valor!r}")
        try:
            partes.append(inspect.getsource(f))
        except (OSError, TypeError):
            pass

    visitar(funcao, 0)
    return "\n".join(dict.fromkeys(partes)), funcao.__code__.co_code == _vazia.__code__.co_code


def codificar(valor: Any, profundidade: int = 0) -> Any:
    """O valor em JSON simples (ver o formato no módulo); nunca levanta exceção."""
    try:
        return _codificar(valor, profundidade, [0])
    except Exception as erro:  # noqa: BLE001
        return {"t": "opaco", "d": f"um valor que não consegui ler ({type(erro).__name__})"}


def _codificar(valor: Any, profundidade: int, contador: list[int]) -> Any:
    if profundidade > MAX_PROFUNDIDADE:
        return {"t": "opaco", "d": "um valor aninhado demais"}
    contador[0] += 1
    if contador[0] > MAX_ITENS:
        return {"t": "opaco", "d": "um valor grande demais"}
    if valor is ...:
        return {"t": "reticencias"}
    if valor is None or isinstance(valor, bool):
        return {"t": "simples", "v": valor}
    if isinstance(valor, int):
        return {"t": "int", "v": str(valor) if len(str(valor)) <= 5000 else "9" * 5001}
    if isinstance(valor, float):
        return {"t": "float", "v": repr(valor)}
    if isinstance(valor, str):
        return {"t": "str", "v": valor[:MAX_TEXTO]}
    modulo = type(valor).__module__
    if modulo == "torch" and type(valor).__name__ in ("Tensor", "Parameter") or \
            modulo == "numpy" and hasattr(valor, "dtype") and hasattr(valor, "shape"):
        tensor = modulo == "torch"
        dados = valor.detach().cpu() if tensor else valor
        numel = int(dados.numel()) if tensor else int(dados.size)
        contador[0] += numel
        if numel > MAX_ITENS or str(dados.dtype).replace("torch.", "") not in DTYPES:
            return {"t": "opaco", "d": f"um tensor de forma {tuple(dados.shape)} e tipo {dados.dtype}"}
        plano = dados.reshape(-1).tolist()
        return {"t": "tensor" if tensor else "ndarray", "dtype": str(dados.dtype).replace("torch.", ""),
                "forma": [int(d) for d in dados.shape],
                "v": [x if not isinstance(x, float) or math.isfinite(x) else repr(x) for x in plano]}
    if isinstance(valor, (list, tuple)):
        nome = "size" if type(valor).__name__ == "Size" else "list" if isinstance(valor, list) else "tuple"
        return {"t": nome, "v": [_codificar(v, profundidade + 1, contador) for v in valor[:10_000]]}
    if isinstance(valor, types.FunctionType):
        fonte, vazia = _fonte_da_funcao(valor)
        return {"t": "funcao", "nome": valor.__name__, "fonte": fonte[:MAX_TEXTO], "vazia": vazia}
    if isinstance(valor, type):
        return {"t": "opaco", "d": f"a classe {valor.__name__}"}
    if callable(valor):
        return {"t": "opaco", "d": f"a função {getattr(valor, '__name__', '?')}"}
    return {"t": "opaco", "d": f"um objeto do tipo {type(valor).__name__}"}


# ----------------------------------------------------------------------------------------
# Na correção
# ----------------------------------------------------------------------------------------

def _texto(x: Any, limite: int = MAX_TEXTO) -> str:
    if not isinstance(x, str) or len(x) > limite:
        raise CanalInvalido("texto esperado")
    return x


def _numero(x: Any) -> float | int:
    if isinstance(x, bool) or not isinstance(x, (int, float, str)):
        raise CanalInvalido("número esperado")
    if isinstance(x, str):
        if x not in ("nan", "inf", "-inf"):
            raise CanalInvalido("número esperado")
        return float(x)
    return x


def decodificar(dado: Any, profundidade: int = 0) -> Any:
    """O valor de volta, validado; levanta ``CanalInvalido`` para qualquer desvio do formato."""
    import torch

    if profundidade > MAX_PROFUNDIDADE + 1 or not isinstance(dado, dict):
        raise CanalInvalido("valor fora do formato")
    t = dado.get("t")
    if t == "reticencias":
        return ...
    if t == "simples":
        if dado.get("v") not in (None, True, False):
            raise CanalInvalido("valor simples fora do formato")
        return dado["v"]
    if t == "int":
        texto = _texto(dado.get("v"), 5001)
        if not texto.lstrip("-").isdigit() or not texto.isascii():
            raise CanalInvalido("inteiro fora do formato")
        return int(texto)
    if t == "float":
        try:
            return float(_texto(dado.get("v"), 40))
        except ValueError:
            raise CanalInvalido("real fora do formato") from None
    if t == "str":
        return _texto(dado.get("v"))
    if t in ("tensor", "ndarray"):
        dtype, forma, v = dado.get("dtype"), dado.get("forma"), dado.get("v")
        if dtype not in DTYPES or not isinstance(forma, list) or not isinstance(v, list) or \
                len(forma) > 16 or not all(isinstance(d, int) and not isinstance(d, bool)
                                           and 0 <= d <= MAX_ITENS for d in forma):
            raise CanalInvalido("tensor fora do formato")
        if math.prod(forma) != len(v) or len(v) > MAX_ITENS:
            raise CanalInvalido("tensor com número de valores errado")
        numeros = [x if isinstance(x, bool) and dtype == "bool" else _numero(x) for x in v]
        tensor = torch.tensor(numeros, dtype=getattr(torch, dtype)).reshape(forma)
        if t == "ndarray":
            try:
                return tensor.numpy()
            except Exception:  # noqa: BLE001 — bfloat16 não tem numpy: fica tensor
                return tensor
        return tensor
    if t in ("list", "tuple", "size"):
        itens = dado.get("v")
        if not isinstance(itens, list) or len(itens) > 10_000:
            raise CanalInvalido("sequência fora do formato")
        valores = [decodificar(x, profundidade + 1) for x in itens]
        if t == "size":
            if not all(isinstance(x, int) and not isinstance(x, bool) for x in valores):
                raise CanalInvalido("torch.Size fora do formato")
            return torch.Size(valores)
        return valores if t == "list" else tuple(valores)
    if t == "funcao":
        nome, fonte, vazia = dado.get("nome"), dado.get("fonte"), dado.get("vazia")
        if not isinstance(vazia, bool) or not _texto(nome, 200).replace("<lambda>", "f").isidentifier():
            raise CanalInvalido("função fora do formato")
        return FuncaoDoAluno(nome, _texto(fonte), vazia)
    if t == "opaco":
        descricao = "".join(c for c in _texto(dado.get("d"), 200) if c.isprintable())
        return Opaco(descricao or "um objeto")
    raise CanalInvalido("tipo de valor desconhecido")
