"""Tamanhos de saída de convoluções, convoluções transpostas e subamostragem.

As fórmulas são exatamente as que o PyTorch usa em ``nn.Conv1d/2d/3d``,
``nn.ConvTranspose1d/2d/3d`` e ``nn.MaxPool1d/2d/3d`` (``nn.AvgPool`` é o caso
``dilation=1``), com os símbolos fixos do curso: n (entrada), k (``kernel_size``),
p (``padding``), s (``stride``), d (``dilation``).

Toda configuração que o PyTorch recusa levanta ``ValueError`` com uma mensagem em
português que diz o parâmetro, o valor e a regra; tipos errados levantam ``TypeError``.
Nenhuma função devolve tamanho zero ou negativo. Este módulo não precisa do ``torch``.

Notebooks: 03 (tamanhos), 05 (transposta), 07 (subamostragem), 08 (LeNet-5).
O campo receptivo fica em ``convaula.receptivo``.
"""

from __future__ import annotations

from typing import Union

from ._argumentos import (Tamanho, booleano, exigir, expandir, inteiro, nao_negativo, positivo, resultado,
                          rotulo)

__all__ = [
    "FORMULA_TAMANHO",
    "conta_tamanho_saida",
    "output_padding_para",
    "padding_same",
    "tamanho_saida",
    "tamanho_saida_pool",
    "tamanho_saida_transposta",
    "validar_parametros",
]


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
            if inteiro("stride", s) != 1:
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
        dims, v, tem_tupla = expandir(n=n, kernel_size=kernel_size, stride=stride, dilation=dilation)
        saida = []
        for i in range(dims):
            _conferir(v, i, tem_tupla)
            p = 0 if modo == "valid" else None
            saida.append(_conv_1dim(v, i, tem_tupla, p))
        return resultado(saida, tem_tupla)
    dims, v, tem_tupla = expandir(
        n=n, kernel_size=kernel_size, stride=stride, padding=padding, dilation=dilation
    )
    saida = []
    for i in range(dims):
        _conferir(v, i, tem_tupla)
        saida.append(_conv_1dim(v, i, tem_tupla, v["padding"][i]))
    return resultado(saida, tem_tupla)


_SIMBOLOS = {"n": "n", "kernel_size": "k", "stride": "s", "dilation": "d"}


def _conferir(v: dict, i: int, tem_tupla: bool) -> None:
    """Confere a dimensão ``i`` de cada parâmetro presente em ``v`` (já expandido por dimensão)."""
    r = lambda nome: rotulo(nome, i, tem_tupla)  # noqa: E731
    for nome, simbolo in _SIMBOLOS.items():
        if nome in v:
            positivo(r(nome), v[nome][i], simbolo)
    if "padding" in v:
        nao_negativo(r("padding"), v["padding"][i], "p")
    if "output_padding" in v:
        op, s, d = v["output_padding"][i], v["stride"][i], v["dilation"][i]
        nao_negativo(r("output_padding"), op, "output_padding")
        exigir(op < s or op < d, f"output_padding deve ser menor que stride ou que dilation, mas recebeu "
                                 f"{r('output_padding')}={op} com {r('stride')}={s} e {r('dilation')}={d}")


def _conv_1dim(v: dict, i: int, tem_tupla: bool, p: int | None) -> int:
    """Uma dimensão da fórmula; ``p=None`` significa padding='same' (saída = n)."""
    n, k, s, d = v["n"][i], v["kernel_size"][i], v["stride"][i], v["dilation"][i]
    if p is None:
        return n
    alcance = d * (k - 1) + 1
    r = lambda nome: rotulo(nome, i, tem_tupla)  # noqa: E731
    exigir(
        n + 2 * p >= alcance,
        f"o núcleo dilatado cobre d(k−1)+1 = {alcance} posições, mais do que a entrada com "
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
    dims, v, tem_tupla = expandir(
        n=n, kernel_size=kernel_size, stride=stride, padding=padding,
        output_padding=output_padding, dilation=dilation,
    )
    saida = []
    for i in range(dims):
        r = lambda nome: rotulo(nome, i, tem_tupla)  # noqa: E731
        _conferir(v, i, tem_tupla)
        n_, k, s, p, op, d = (v[c][i] for c in ("n", "kernel_size", "stride", "padding",
                                                "output_padding", "dilation"))
        tamanho = (n_ - 1) * s - 2 * p + d * (k - 1) + op + 1
        exigir(
            tamanho >= 1,
            f"a saída teria tamanho {tamanho} < 1: (n−1)s − 2p + d(k−1) + output_padding + 1 com "
            f"{r('n')}={n_}, {r('stride')}={s}, {r('padding')}={p}, {r('kernel_size')}={k}, "
            f"{r('dilation')}={d}, {r('output_padding')}={op}; diminua padding",
        )
        saida.append(tamanho)
    return resultado(saida, tem_tupla)


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
    dims, v, tem_tupla = expandir(n=n, kernel_size=kernel_size, stride=stride,
                                   padding=padding, dilation=dilation)
    resto = [
        (v["n"][i] + 2 * v["padding"][i] - v["dilation"][i] * (v["kernel_size"][i] - 1) - 1)
        % v["stride"][i]
        for i in range(dims)
    ]
    return resultado(resto, tem_tupla)


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
    menos do tamanho do kernel (n ≥ k). Notebooks 07 (subamostragem) e 08 (LeNet-5).

    Exemplo: ``tamanho_saida_pool(28, 2) == 14``; ``tamanho_saida_pool(5, 2, ceil_mode=True) == 3``.
    """
    booleano("ceil_mode", ceil_mode)
    if stride is None or (isinstance(stride, (tuple, list)) and len(stride) == 0):
        stride = kernel_size
    dims, v, tem_tupla = expandir(
        n=n, kernel_size=kernel_size, stride=stride, padding=padding, dilation=dilation
    )
    saida = []
    for i in range(dims):
        r = lambda nome: rotulo(nome, i, tem_tupla)  # noqa: E731
        _conferir(v, i, tem_tupla)
        n_, k, s, p, d = (v[c][i] for c in ("n", "kernel_size", "stride", "padding", "dilation"))
        efetivo = d * (k - 1) + 1
        exigir(
            p <= k // 2,
            f"padding deve ser no máximo metade de kernel_size (p <= k // 2 = {k // 2}), "
            f"mas recebeu {r('padding')}={p} com {r('kernel_size')}={k}",
        )
        numerador = n_ + 2 * p - efetivo + ((s - 1) if ceil_mode else 0)
        tamanho = numerador // s + 1
        if ceil_mode and (tamanho - 1) * s >= n_ + p:
            tamanho -= 1  # a última janela começaria no padding da direita
        exigir(
            tamanho >= 1,
            f"a saída teria tamanho {tamanho} < 1: a janela d(k−1)+1 = {efetivo} não cabe na "
            f"entrada com padding, n + 2p = {n_ + 2 * p} ({r('n')}={n_}, {r('padding')}={p}, "
            f"{r('kernel_size')}={k}, {r('dilation')}={d})",
        )
        saida.append(tamanho)
    return resultado(saida, tem_tupla)


# ---------------------------------------------------------------------------
# A conta escrita, para dicas, soluções e exploradores
# ---------------------------------------------------------------------------

FORMULA_TAMANHO = "n_out = ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1"
"""A fórmula de ``tamanho_saida`` com os símbolos do curso."""


def conta_tamanho_saida(n: int, kernel_size: int, stride: int = 1, padding: int = 0,
                        dilation: int | None = 1) -> str:
    """O lado direito de ``FORMULA_TAMANHO`` numa dimensão, com os números no lugar dos símbolos.

    ``dilation=None`` escreve a forma sem dilatação, ⌊(n + 2p − k) / s⌋ + 1 (a mesma conta
    quando d = 1). Só escreve: quem chama acrescenta o resultado, que pode vir de
    ``tamanho_saida`` ou de ``tamanho_saida_pool``.

    Exemplo: ``conta_tamanho_saida(8, 3, 2, 1) == "⌊(8 + 2·1 − 1·(3 − 1) − 1) / 2⌋ + 1"``.
    """
    n, k = inteiro("n", n), inteiro("kernel_size", kernel_size)
    s, p = inteiro("stride", stride), inteiro("padding", padding)
    if dilation is None:
        return f"⌊({n} + 2·{p} − {k}) / {s}⌋ + 1"
    return f"⌊({n} + 2·{p} − {inteiro('dilation', dilation)}·({k} − 1) − 1) / {s}⌋ + 1"


# ---------------------------------------------------------------------------
# Padding "same" e validação sem calcular tamanho
# ---------------------------------------------------------------------------

def padding_same(kernel_size: Tamanho, dilation: Tamanho = 1):
    """Padding (antes, depois) que mantém o tamanho com stride 1: total d(k−1).

    Para k ímpar os dois lados são iguais a d(k−1)/2; para k par o lado de depois
    recebe um a mais, exatamente como ``padding='same'`` do PyTorch.

    Retorna ``(antes, depois)``; com tuplas, uma tupla desses pares por dimensão.

    Exemplo: ``padding_same(3) == (1, 1)``; ``padding_same(4) == (1, 2)``; ``padding_same(3, 2) == (2, 2)``.
    """
    dims, v, tem_tupla = expandir(kernel_size=kernel_size, dilation=dilation)
    pares = []
    for i in range(dims):
        k, d = v["kernel_size"][i], v["dilation"][i]
        _conferir(v, i, tem_tupla)
        total = d * (k - 1)
        pares.append((total // 2, total - total // 2))
    return tuple(pares) if tem_tupla else pares[0]


def validar_parametros(
    kernel_size: Tamanho, stride: Tamanho = 1, padding: Union[Tamanho, str] = 0, dilation: Tamanho = 1,
    output_padding: Tamanho | None = None,
) -> int:
    """Confere (k, s, p, d[, output_padding]) de uma convolução sem precisar do tamanho da entrada.

    As mesmas regras e mensagens de ``tamanho_saida`` e ``tamanho_saida_transposta``: k, s e d
    positivos, p não negativo (ou ``'valid'``/``'same'``, este só com s = 1) e, se dado,
    ``output_padding`` menor que s ou que d. Devolve o número de dimensões espaciais.

    Exemplo: ``validar_parametros(3, stride=2, padding=1) == 1``; ``validar_parametros((3, 3)) == 2``.
    """
    if isinstance(padding, str):
        _padding_texto(padding, stride)
        padding = 0
    extra = {} if output_padding is None else {"output_padding": output_padding}
    dims, v, tem_tupla = expandir(kernel_size=kernel_size, stride=stride, padding=padding,
                                  dilation=dilation, **extra)
    for i in range(dims):
        _conferir(v, i, tem_tupla)
    return dims
