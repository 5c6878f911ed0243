"""Tamanhos de saída de convoluções, convoluções transpostas e subamostragem, e campo receptivo.

As fórmulas são exatamente as que o PyTorch usa em ``nn.Conv1d/2d/3d``,
``nn.ConvTranspose1d/2d/3d`` e ``nn.MaxPool1d/2d/3d`` (``nn.AvgPool`` é o caso
``dilation=1``), com os símbolos fixos do curso: n (entrada), k (``kernel_size``),
p (``padding``), s (``stride``), d (``dilation``).

Toda configuração que o PyTorch recusa levanta ``ValueError`` com uma mensagem em
português que diz o parâmetro, o valor e a regra; tipos errados levantam ``TypeError``.
Nenhuma função devolve tamanho zero ou negativo. Este módulo não precisa do ``torch``.

Notebooks: 03 (tamanhos e campo receptivo), 05 (transposta), 07 (LeNet-5).
"""

from __future__ import annotations

from numbers import Integral
from typing import Any, Iterable, NamedTuple, Sequence, Union

Tamanho = Union[int, tuple[int, ...]]

__all__ = [
    "Campo",
    "campo_receptivo",
    "output_padding_para",
    "campos_receptivos",
    "padding_same",
    "tamanho_saida",
    "tamanho_saida_pool",
    "tamanho_saida_transposta",
]


# ---------------------------------------------------------------------------
# Validação e "broadcast" de inteiros e tuplas
# ---------------------------------------------------------------------------

def _inteiro(nome: str, valor: Any) -> int:
    """Devolve ``valor`` como ``int`` ou levanta ``TypeError`` dizendo qual parâmetro está errado."""
    if isinstance(valor, bool) or not isinstance(valor, Integral):
        raise TypeError(
            f"{nome} deve ser um inteiro (ou uma tupla de inteiros), "
            f"mas recebeu {nome}={valor!r} do tipo {type(valor).__name__}"
        )
    return int(valor)


def _expandir(**params: Any) -> tuple[int, dict[str, list[int]], bool]:
    """Alinha parâmetros int/tupla: devolve (dimensões, valores por dimensão, se há tupla).

    Inteiros valem para todas as dimensões; tuplas devem ter todas o mesmo comprimento.
    """
    dims = None
    for nome, valor in params.items():
        if isinstance(valor, (tuple, list)):
            if len(valor) == 0:
                raise ValueError(f"{nome} não pode ser uma tupla vazia, mas recebeu {nome}={valor!r}")
            if dims is None:
                dims, primeiro = len(valor), nome
            elif len(valor) != dims:
                raise ValueError(
                    f"{nome} tem {len(valor)} dimensões, mas {primeiro} tem {dims}: "
                    f"as tuplas devem ter o mesmo comprimento ({nome}={tuple(valor)!r})"
                )
    tem_tupla = dims is not None
    dims = dims or 1
    por_dim = {}
    for nome, valor in params.items():
        if isinstance(valor, (tuple, list)):
            por_dim[nome] = [_inteiro(f"{nome}[{i}]", v) for i, v in enumerate(valor)]
        else:
            por_dim[nome] = [_inteiro(nome, valor)] * dims
    return dims, por_dim, tem_tupla


def _rotulo(nome: str, i: int, tem_tupla: bool) -> str:
    return f"{nome}[{i}]" if tem_tupla else nome


def _exigir(condicao: bool, mensagem: str) -> None:
    if not condicao:
        raise ValueError(mensagem)


def _positivo(nome: str, valor: int, simbolo: str) -> None:
    _exigir(valor >= 1, f"{nome} deve ser positivo ({simbolo} >= 1), mas recebeu {nome}={valor}")


def _nao_negativo(nome: str, valor: int, simbolo: str) -> None:
    _exigir(valor >= 0, f"{nome} não pode ser negativo ({simbolo} >= 0), mas recebeu {nome}={valor}")


def _resultado(valores: list[int], tem_tupla: bool) -> Tamanho:
    return tuple(valores) if tem_tupla else valores[0]


# ---------------------------------------------------------------------------
# Convolução
# ---------------------------------------------------------------------------

def _padding_texto(padding: str, stride: Tamanho) -> str:
    """Valida ``padding='valid'|'same'`` como o ``nn.Conv2d`` faz."""
    if padding not in ("valid", "same"):
        raise ValueError(
            f"padding em texto deve ser 'valid' ou 'same', mas recebeu padding={padding!r}"
        )
    if padding == "same":
        passos = stride if isinstance(stride, (tuple, list)) else (stride,)
        for i, s in enumerate(passos):
            if _inteiro("stride", s) != 1:
                raise ValueError(
                    f"padding='same' só existe com stride=1 (o PyTorch recusa convoluções com "
                    f"passo e padding='same'), mas recebeu stride={stride!r}"
                )
    return padding


def tamanho_saida(
    n: Tamanho,
    kernel_size: Tamanho,
    stride: Tamanho = 1,
    padding: Union[Tamanho, str] = 0,
    dilation: Tamanho = 1,
) -> Tamanho:
    """Tamanho da saída de ``nn.Conv1d/2d/3d``: n_out = ⌊(n + 2p − d(k−1) − 1) / s⌋ + 1.

    Parâmetros
    ----------
    n : tamanho da entrada (int, ou tupla com um valor por dimensão espacial).
    kernel_size, stride, padding, dilation : como em ``nn.Conv2d``; cada um int ou tupla.
        ``padding`` aceita também ``'valid'`` (p = 0) e ``'same'`` (saída = entrada, só com s = 1).

    Retorna
    -------
    int, ou tupla de ints se algum argumento for tupla.

    Exemplo: ``tamanho_saida(7, 3) == 5``; ``tamanho_saida((8, 8), 3, stride=2, padding=1) == (4, 4)``.
    """
    if isinstance(padding, str):
        modo = _padding_texto(padding, stride)
        dims, v, tem_tupla = _expandir(n=n, kernel_size=kernel_size, stride=stride, dilation=dilation)
        saida = []
        for i in range(dims):
            _validar_conv(v, i, tem_tupla, 0)
            p = 0 if modo == "valid" else None
            saida.append(_conv_1dim(v, i, tem_tupla, p))
        return _resultado(saida, tem_tupla)
    dims, v, tem_tupla = _expandir(
        n=n, kernel_size=kernel_size, stride=stride, padding=padding, dilation=dilation
    )
    saida = []
    for i in range(dims):
        _validar_conv(v, i, tem_tupla, v["padding"][i])
        saida.append(_conv_1dim(v, i, tem_tupla, v["padding"][i]))
    return _resultado(saida, tem_tupla)


def _validar_conv(v: dict, i: int, tem_tupla: bool, padding: int) -> None:
    r = lambda nome: _rotulo(nome, i, tem_tupla)  # noqa: E731
    _positivo(r("n"), v["n"][i], "n")
    _positivo(r("kernel_size"), v["kernel_size"][i], "k")
    _positivo(r("stride"), v["stride"][i], "s")
    _positivo(r("dilation"), v["dilation"][i], "d")
    _nao_negativo(r("padding"), padding, "p")


def _conv_1dim(v: dict, i: int, tem_tupla: bool, p: int | None) -> int:
    """Uma dimensão da fórmula; ``p=None`` significa padding='same' (saída = n)."""
    n, k, s, d = v["n"][i], v["kernel_size"][i], v["stride"][i], v["dilation"][i]
    if p is None:
        return n
    alcance = d * (k - 1) + 1
    r = lambda nome: _rotulo(nome, i, tem_tupla)  # noqa: E731
    _exigir(
        n + 2 * p >= alcance,
        f"o kernel dilatado cobre d(k−1)+1 = {alcance} posições, mais do que a entrada com "
        f"padding, n + 2p = {n + 2 * p} ({r('n')}={n}, {r('padding')}={p}, "
        f"{r('kernel_size')}={k}, {r('dilation')}={d}): a saída teria tamanho menor que 1; "
        f"aumente n ou padding, ou diminua kernel_size ou dilation",
    )
    return (n + 2 * p - alcance) // s + 1


# ---------------------------------------------------------------------------
# Convolução transposta
# ---------------------------------------------------------------------------

def tamanho_saida_transposta(
    n: Tamanho,
    kernel_size: Tamanho,
    stride: Tamanho = 1,
    padding: Tamanho = 0,
    output_padding: Tamanho = 0,
    dilation: Tamanho = 1,
) -> Tamanho:
    """Tamanho da saída de ``nn.ConvTranspose1d/2d/3d``: (n−1)s − 2p + d(k−1) + output_padding + 1.

    ``output_padding`` acrescenta linhas/colunas no fim e precisa ser menor que o passo
    ou que a dilatação (a mesma regra do PyTorch). Parâmetros int ou tupla, como em
    ``tamanho_saida``. Uma saída de tamanho 0, que o PyTorch às vezes devolve como tensor
    vazio, é recusada aqui como qualquer saída menor que 1. Notebook 05.

    Exemplo: ``tamanho_saida_transposta(2, 3, stride=2) == 5``.
    """
    if isinstance(padding, str):
        raise ValueError(
            f"a convolução transposta não aceita padding em texto, mas recebeu padding={padding!r}; "
            f"use um inteiro"
        )
    dims, v, tem_tupla = _expandir(
        n=n, kernel_size=kernel_size, stride=stride, padding=padding,
        output_padding=output_padding, dilation=dilation,
    )
    saida = []
    for i in range(dims):
        r = lambda nome: _rotulo(nome, i, tem_tupla)  # noqa: E731
        n_, k, s, p, op, d = (v[c][i] for c in ("n", "kernel_size", "stride", "padding",
                                                "output_padding", "dilation"))
        _positivo(r("n"), n_, "n")
        _positivo(r("kernel_size"), k, "k")
        _positivo(r("stride"), s, "s")
        _positivo(r("dilation"), d, "d")
        _nao_negativo(r("padding"), p, "p")
        _nao_negativo(r("output_padding"), op, "output_padding")
        _exigir(
            op < s or op < d,
            f"output_padding deve ser menor que stride ou que dilation, mas recebeu "
            f"{r('output_padding')}={op} com {r('stride')}={s} e {r('dilation')}={d}",
        )
        tamanho = (n_ - 1) * s - 2 * p + d * (k - 1) + op + 1
        _exigir(
            tamanho >= 1,
            f"a saída teria tamanho {tamanho} < 1: (n−1)s − 2p + d(k−1) + output_padding + 1 com "
            f"{r('n')}={n_}, {r('stride')}={s}, {r('padding')}={p}, {r('kernel_size')}={k}, "
            f"{r('dilation')}={d}, {r('output_padding')}={op}; diminua padding",
        )
        saida.append(tamanho)
    return _resultado(saida, tem_tupla)


def output_padding_para(
    n: Tamanho, kernel_size: Tamanho, stride: Tamanho = 1, padding: Tamanho = 0,
    dilation: Tamanho = 1,
) -> Tamanho:
    """O ``output_padding`` que faz a transposta devolver exatamente o tamanho ``n``.

    Com s > 1, várias entradas n levam ao mesmo tamanho de saída da convolução; a
    transposta precisa saber qual delas reconstruir:
    output_padding = (n + 2p − d(k−1) − 1) mod s. Parâmetros int ou tupla. Notebook 05.

    Exemplo: ``output_padding_para(6, 3, stride=2) == 1`` (5 e 6 dão ambos 2 na saída).
    """
    tamanho_saida(n, kernel_size, stride, padding, dilation)  # valida tudo
    dims, v, tem_tupla = _expandir(n=n, kernel_size=kernel_size, stride=stride,
                                   padding=padding, dilation=dilation)
    resto = [
        (v["n"][i] + 2 * v["padding"][i] - v["dilation"][i] * (v["kernel_size"][i] - 1) - 1)
        % v["stride"][i]
        for i in range(dims)
    ]
    return _resultado(resto, tem_tupla)


# ---------------------------------------------------------------------------
# Subamostragem (pooling)
# ---------------------------------------------------------------------------

def tamanho_saida_pool(
    n: Tamanho,
    kernel_size: Tamanho,
    stride: Tamanho | None = None,
    padding: Tamanho = 0,
    dilation: Tamanho = 1,
    ceil_mode: bool = False,
) -> Tamanho:
    """Tamanho da saída de ``nn.MaxPool1d/2d/3d`` (``nn.AvgPool`` é o caso ``dilation=1``).

    n_out = ⌊(n + 2p − d(k−1) − 1) / s⌋ + 1, com teto (⌈·⌉) em vez de piso quando
    ``ceil_mode=True``; nesse caso uma última janela que começaria dentro do padding da
    direita é descartada, como no PyTorch. ``stride=None`` significa ``stride=kernel_size``.
    O padding não pode passar de metade do kernel, p ≤ ⌊k/2⌋ (a regra do PyTorch usa o k sem
    dilatação). Só o ``nn.AvgPool3d`` exige, além disso, que a entrada sem padding seja pelo
    menos do tamanho do kernel (n ≥ k). Notebook 07.

    Exemplo: ``tamanho_saida_pool(28, 2) == 14``; ``tamanho_saida_pool(5, 2, ceil_mode=True) == 3``.
    """
    if not isinstance(ceil_mode, bool):
        raise TypeError(f"ceil_mode deve ser True ou False, mas recebeu ceil_mode={ceil_mode!r}")
    if stride is None or (isinstance(stride, (tuple, list)) and len(stride) == 0):
        stride = kernel_size
    dims, v, tem_tupla = _expandir(
        n=n, kernel_size=kernel_size, stride=stride, padding=padding, dilation=dilation
    )
    saida = []
    for i in range(dims):
        r = lambda nome: _rotulo(nome, i, tem_tupla)  # noqa: E731
        n_, k, s, p, d = (v[c][i] for c in ("n", "kernel_size", "stride", "padding", "dilation"))
        _positivo(r("n"), n_, "n")
        _positivo(r("kernel_size"), k, "k")
        _positivo(r("stride"), s, "s")
        _positivo(r("dilation"), d, "d")
        _nao_negativo(r("padding"), p, "p")
        efetivo = d * (k - 1) + 1
        _exigir(
            p <= k // 2,
            f"padding deve ser no máximo metade de kernel_size (p <= k // 2 = {k // 2}), "
            f"mas recebeu {r('padding')}={p} com {r('kernel_size')}={k}",
        )
        numerador = n_ + 2 * p - efetivo + ((s - 1) if ceil_mode else 0)
        tamanho = numerador // s + 1
        if ceil_mode and (tamanho - 1) * s >= n_ + p:
            tamanho -= 1  # a última janela começaria no padding da direita
        _exigir(
            tamanho >= 1,
            f"a saída teria tamanho {tamanho} < 1: a janela d(k−1)+1 = {efetivo} não cabe na "
            f"entrada com padding, n + 2p = {n_ + 2 * p} ({r('n')}={n_}, {r('padding')}={p}, "
            f"{r('kernel_size')}={k}, {r('dilation')}={d})",
        )
        saida.append(tamanho)
    return _resultado(saida, tem_tupla)


# ---------------------------------------------------------------------------
# Padding "same" e campo receptivo
# ---------------------------------------------------------------------------

def padding_same(kernel_size: Tamanho, dilation: Tamanho = 1):
    """Padding (antes, depois) que mantém o tamanho com stride 1: total d(k−1).

    Para k ímpar os dois lados são iguais a d(k−1)/2; para k par o lado de depois
    recebe um a mais, exatamente como ``padding='same'`` do PyTorch.

    Retorna ``(antes, depois)``; com tuplas, uma tupla desses pares por dimensão.

    Exemplo: ``padding_same(3) == (1, 1)``; ``padding_same(4) == (1, 2)``; ``padding_same(3, 2) == (2, 2)``.
    """
    dims, v, tem_tupla = _expandir(kernel_size=kernel_size, dilation=dilation)
    pares = []
    for i in range(dims):
        k, d = v["kernel_size"][i], v["dilation"][i]
        _positivo(_rotulo("kernel_size", i, tem_tupla), k, "k")
        _positivo(_rotulo("dilation", i, tem_tupla), d, "d")
        total = d * (k - 1)
        pares.append((total // 2, total - total // 2))
    return tuple(pares) if tem_tupla else pares[0]


class Campo(NamedTuple):
    """Campo receptivo e salto (*jump*) depois de uma camada.

    ``campo``: quantas posições da entrada influenciam uma posição da saída;
    ``salto``: distância, na entrada, entre duas posições vizinhas da saída.
    """

    campo: int
    salto: int


def _parametros_camada(camada: Any, indice: int) -> tuple[int, int, int]:
    """Lê (k, s, d) de um dicionário, de uma tupla (k, s[, d]) ou de uma camada do torch."""
    if isinstance(camada, dict):
        k, s, d = camada.get("kernel_size"), camada.get("stride", 1), camada.get("dilation", 1)
        if s is None:  # pooling: stride padrão = kernel_size
            s = k
    elif isinstance(camada, (tuple, list)):
        if not 1 <= len(camada) <= 3:
            raise ValueError(
                f"camadas[{indice}] deve ser (kernel_size, stride, dilation), mas recebeu {camada!r}"
            )
        k, s, d = (list(camada) + [1, 1])[:3]
    elif hasattr(camada, "kernel_size"):
        k = camada.kernel_size
        s = getattr(camada, "stride", 1) or k
        d = getattr(camada, "dilation", 1)
    else:
        raise TypeError(
            f"camadas[{indice}] deve ser um dict, uma tupla (k, s, d) ou uma camada do torch, "
            f"mas recebeu {type(camada).__name__}"
        )
    valores = []
    for nome, val in (("kernel_size", k), ("stride", s), ("dilation", d)):
        if isinstance(val, (tuple, list)):  # camadas 2D do torch: usa a primeira dimensão
            if len(set(val)) != 1:
                raise ValueError(
                    f"camadas[{indice}].{nome}={tuple(val)!r} difere entre dimensões; "
                    f"calcule o campo receptivo de cada dimensão separadamente"
                )
            val = val[0]
        val = _inteiro(f"camadas[{indice}].{nome}", val)
        _positivo(f"camadas[{indice}].{nome}", val, nome[0] if nome != "kernel_size" else "k")
        valores.append(val)
    return tuple(valores)


def campos_receptivos(camadas: Iterable[Any]) -> list[Campo]:
    """Campo receptivo e salto depois de cada camada de uma pilha (uma dimensão).

    Recorrência: r₀ = 1, j₀ = 1; rₗ = rₗ₋₁ + dₗ(kₗ − 1)·jₗ₋₁ e jₗ = jₗ₋₁·sₗ.
    O padding não muda o campo receptivo. Cada camada é um dict
    (``kernel_size``, ``stride``, ``dilation``), uma tupla ``(k, s, d)`` ou uma camada
    do torch (``nn.Conv2d``, ``nn.MaxPool2d``...). Notebook 03.

    Exemplo: três convoluções 3×3 → campos 3, 5, 7.
    """
    r, j = 1, 1
    resultado = []
    for indice, camada in enumerate(camadas):
        k, s, d = _parametros_camada(camada, indice)
        r, j = r + d * (k - 1) * j, j * s
        resultado.append(Campo(r, j))
    return resultado


def campo_receptivo(camadas: Sequence[Any]) -> Campo:
    """Campo receptivo e salto da pilha inteira (a última linha de ``campos_receptivos``).

    Uma pilha vazia vê uma posição só: ``Campo(1, 1)``.
    """
    todos = campos_receptivos(camadas)
    return todos[-1] if todos else Campo(1, 1)
