"""A convolução transposta por outros caminhos, e o que ela não é (uma inversa).

- ``inserir_zeros`` e ``conv_transposta_por_insercao``: a transposta como uma convolução
  comum, inserindo s − 1 zeros entre as entradas, preenchendo com d(k − 1) − p e usando o
  núcleo invertido (com os canais de entrada e saída trocados);
- ``espalhar``: a transposta como soma de cópias do núcleo, uma por entrada;
- ``contagem_sobreposicao``: quantas cópias do núcleo caem em cada posição da saída, o que
  explica as contagens desiguais quando k não é múltiplo de s;
- ``deconvolucao``: a inversa de verdade (mínimos quadrados com a matriz da convolução),
  uma operação diferente da transposta, com regularização de Tikhonov opcional;
- ``numero_condicao`` e ``arredondar_8_bits``: por que a inversa ingênua falha com imagens
  de verdade (o número de condição cresce com o tamanho; 8 bits bastam para estragar tudo);
- ``intensidade_xadrez``: quanto as s × s "fases" de uma imagem diferem em média, a marca
  do padrão de xadrez; ``somas_das_fases``: o pedaço do núcleo que cada fase soma;
- ``transposta_do_aumento``: o aumento pelo vizinho mais próximo seguido de uma convolução
  escrito como uma única transposta (cujas fases somam todas o mesmo).

Os tamanhos vêm de ``convaula.formulas``; a matriz, de ``convaula.matriz``. Notebook 05.
"""

from __future__ import annotations

import math
from typing import Union

import torch
import torch.nn.functional as F

from ._argumentos import Tamanho, exigir, inteiro, numero, par, por_dimensao, positivo, tensor, tupla
from .formulas import tamanho_saida_transposta, validar_parametros
from .funcionais import CONV, TRANSPOSTA
from .matriz import matriz_conv


__all__ = ["arredondar_8_bits", "contagem_sobreposicao", "conv_transposta_por_insercao", "deconvolucao",
           "espalhar", "inserir_zeros", "intensidade_xadrez", "numero_condicao", "somas_das_fases",
           "transposta_do_aumento"]



def inserir_zeros(x: torch.Tensor, stride: Tamanho) -> torch.Tensor:
    """Insere s − 1 zeros entre posições vizinhas de cada dimensão espacial de ``x``.

    Parâmetros
    ----------
    x : tensor (N, C, n₁, ..., n_D), com D de 1 a 3.
    stride : s, int ou tupla com um valor por dimensão espacial (s >= 1).

    Retorna
    -------
    Tensor (N, C, (n₁ − 1)s₁ + 1, ..., (n_D − 1)s_D + 1) com ``x`` nas posições múltiplas de s.

    Exemplo: ``[1, 2, 3]`` com s = 2 vira ``[1, 0, 2, 0, 3]``.
    """
    x = tensor("x", x, 3, 5)
    dims = x.ndim - 2
    s = por_dimensao("stride", stride, dims)
    for si in s:
        exigir(si >= 1, f"stride deve ser positivo (s >= 1), mas recebeu stride={stride!r}")
    forma = list(x.shape[:2]) + [(n - 1) * si + 1 for n, si in zip(x.shape[2:], s)]
    saida = x.new_zeros(forma)
    fatias = (slice(None), slice(None)) + tuple(slice(None, None, si) for si in s)
    saida[fatias] = x
    return saida


def _kernel_invertido(peso: torch.Tensor, groups: int) -> torch.Tensor:
    """Peso (C_in, C_out/g, k...) da transposta -> peso (C_out, C_in/g, k...) invertido no espaço."""
    c_in, c_out_g = peso.shape[:2]
    if c_in % groups != 0:
        raise ValueError(
            f"peso.shape[0] = {c_in} (canais de entrada da transposta) deve ser divisível por "
            f"groups={groups}"
        )
    k = peso.shape[2:]
    trocado = peso.reshape(groups, c_in // groups, c_out_g, *k).transpose(1, 2)
    trocado = trocado.reshape(groups * c_out_g, c_in // groups, *k)
    return trocado.flip(list(range(2, peso.ndim)))


def conv_transposta_por_insercao(
    x: torch.Tensor,
    peso: torch.Tensor,
    stride: Tamanho = 1,
    padding: Tamanho = 0,
    output_padding: Tamanho = 0,
    dilation: Tamanho = 1,
    groups: int = 1,
) -> torch.Tensor:
    """``F.conv_transpose1d/2d/3d`` calculada como uma convolução comum de passo 1.

    Três passos: (1) insere s − 1 zeros entre as entradas; (2) preenche cada lado com
    d(k − 1) − p zeros (um valor negativo corta) e o fim com mais ``output_padding``;
    (3) convolve, com dilatação d, pelo kernel invertido no espaço e com os canais trocados.

    Parâmetros
    ----------
    x : tensor (N, C_in, n₁, ..., n_D), D de 1 a 3.
    peso : tensor (C_in, C_out/groups, k₁, ..., k_D), como ``nn.ConvTranspose2d.weight``.
    stride, padding, output_padding, dilation, groups : como em ``F.conv_transpose2d``.

    Retorna
    -------
    Tensor (N, C_out, ...) com o tamanho de ``tamanho_saida_transposta``.
    """
    x = tensor("x", x, 3, 5)
    dims = x.ndim - 2
    peso = tensor("peso", peso, dims + 2, dims + 2)
    groups = inteiro("groups", groups)
    positivo("groups", groups, "groups")
    if x.shape[1] != peso.shape[0]:
        raise ValueError(
            f"x tem {x.shape[1]} canais (x.shape[1]), mas peso espera {peso.shape[0]} "
            f"(peso.shape[0] = C_in da transposta)"
        )
    k = list(peso.shape[2:])
    s = por_dimensao("stride", stride, dims)
    p = por_dimensao("padding", padding, dims)
    op = por_dimensao("output_padding", output_padding, dims)
    d = por_dimensao("dilation", dilation, dims)
    n_saida = tamanho_saida_transposta(tuple(x.shape[2:]), tuple(k), tuple(s), tuple(p), tuple(op), tuple(d))

    z = inserir_zeros(x, s)
    bordas = []
    for i in reversed(range(dims)):  # F.pad começa pela última dimensão
        q = d[i] * (k[i] - 1) - p[i]
        bordas += [q, q + op[i]]
    z = F.pad(z, bordas)
    y = CONV[dims](z, _kernel_invertido(peso, groups), dilation=tuple(d), groups=groups)
    assert tuple(y.shape[2:]) == tuple(n_saida), (y.shape, n_saida)
    return y


def contagem_sobreposicao(
    n: Tamanho, kernel_size: Tamanho, stride: Tamanho = 1, padding: Tamanho = 0, dilation: Tamanho = 1
) -> torch.Tensor:
    """Quantas cópias do kernel a transposta soma em cada posição da saída.

    É a transposta de uma entrada toda de uns com um kernel todo de uns. Quando k é múltiplo
    de s as posições do meio recebem todas k/s cópias (por dimensão); quando não é, recebem
    números alternados, e um kernel aprendido tende a deixar esse padrão de xadrez
    (*checkerboard*) na imagem.

    Parâmetros
    ----------
    n : tamanho da entrada da transposta, int (1D) ou tupla (1 a 3 dimensões).
    kernel_size, stride, padding, dilation : int ou tupla, como em ``nn.ConvTranspose2d``.

    Retorna
    -------
    Tensor de inteiros (``torch.long``) com o tamanho espacial da saída da transposta.

    Exemplo: ``contagem_sobreposicao(3, 3, stride=2)`` é ``[1, 1, 2, 1, 2, 1, 1]``.
    """
    tam = list(tupla("n", n))
    dims = len(tam)
    if not 1 <= dims <= 3:
        raise ValueError(f"n deve ter de 1 a 3 dimensões, mas recebeu n={n!r}")
    validar_parametros(kernel_size, stride, padding, dilation)
    k, s, p, d = (tuple(por_dimensao(nome, v, dims)) for nome, v in
                  (("kernel_size", kernel_size), ("stride", stride), ("padding", padding), ("dilation", dilation)))
    uns = torch.ones(1, 1, *tam, dtype=torch.float64)
    y = TRANSPOSTA[dims](uns, torch.ones(1, 1, *k, dtype=torch.float64), stride=s, padding=p, dilation=d)
    return y[0, 0].round().long()


def deconvolucao(
    y: torch.Tensor,
    peso: torch.Tensor,
    tamanho: Tamanho,
    stride: Tamanho = 1,
    padding: Union[Tamanho, str] = 0,
    dilation: Tamanho = 1,
    groups: int = 1,
    regularizacao: float = 0.0,
) -> torch.Tensor:
    """Desfaz uma convolução por mínimos quadrados: o x que minimiza ‖conv(x) − y‖² + λ‖x‖².

    Com ``regularizacao`` λ = 0, resolve M x = y com a matriz M de ``matriz_conv``
    (``torch.linalg.lstsq``): se M é inversível, devolve a entrada exata (em aritmética
    exata); se há mais incógnitas que equações (s > 1, por exemplo), uma das muitas entradas
    que a convolução leva em ``y``. Com λ > 0 (regularização de Tikhonov), resolve
    (MᵀM + λI) x = Mᵀy: troca um pouco de fidelidade por estabilidade, o que salva a
    deconvolução quando ``y`` tem ruído (o filtro de Wiener é o caso em que λ é a razão
    entre a variância do ruído e a do sinal).

    Parâmetros
    ----------
    y : saída da convolução, tensor (N, C_out, n_out₁, ..., n_out_D).
    peso : tensor (C_out, C_in/groups, k₁, ..., k_D), o mesmo passado a ``F.conv2d``.
    tamanho : tamanho espacial (n₁, ..., n_D) da entrada a recuperar (int se D = 1).
    stride, padding, dilation, groups : como em ``F.conv1d/2d/3d``.
    regularizacao : λ >= 0.

    Retorna
    -------
    Tensor (N, C_in, n₁, ..., n_D). Notebook 05.
    """
    regularizacao = numero("regularizacao", regularizacao, minimo=0)
    y = tensor("y", y, 3, 5)
    peso = tensor("peso", peso, y.ndim, y.ndim)
    tam = list(tupla("tamanho", tamanho))
    if len(tam) != y.ndim - 2:
        raise ValueError(
            f"tamanho deve ter {y.ndim - 2} valor(es), um por dimensão espacial de y, mas "
            f"recebeu tamanho={tamanho!r}"
        )
    m = matriz_conv(peso, tuple(tam), stride, padding, dilation, groups)
    if m.shape[0] != y[0].numel():
        raise ValueError(
            f"y tem forma {tuple(y.shape)}, mas a convolução de uma entrada {tuple(tam)} produz "
            f"{m.shape[0]} valores por amostra: confira tamanho, stride, padding e dilation"
        )
    c_in = m.shape[1] // math.prod(tam)
    b = y.reshape(y.shape[0], -1).T.to(m.dtype)
    if regularizacao > 0:
        normal = m.T @ m + regularizacao * torch.eye(m.shape[1], dtype=m.dtype, device=m.device)
        x = torch.linalg.solve(normal, m.T @ b)
    else:
        x = torch.linalg.lstsq(m, b, driver="gelsd" if m.device.type == "cpu" else None).solution
    return x.T.reshape(y.shape[0], c_in, *tam)


def numero_condicao(peso: torch.Tensor, tamanho: Tamanho, padding: Union[Tamanho, str] = 0) -> float:
    """O número de condição κ = σ_max / σ_min da matriz de uma convolução de passo 1.

    κ mede quanto um erro relativo em y pode crescer no x recuperado pela deconvolução:
    com κ = 10⁵, um arredondamento de 10⁻³ pode virar um erro de 10² no resultado.

    Parâmetros
    ----------
    peso : tensor (C_out, C_in, k₁, ..., k_D), como em ``F.conv2d``.
    tamanho : tamanho espacial da entrada (int se D = 1).
    padding : como em ``F.conv2d``.

    Retorna
    -------
    κ (``float``; infinito se a matriz não tem posto cheio). Notebook 05.
    """
    tam = tupla("tamanho", tamanho)
    m = matriz_conv(tensor("peso", peso, 3, 5).double(), tam, padding=padding)
    valores = torch.linalg.svdvals(m)
    return float(valores[0] / valores[-1]) if valores[-1] > 0 else math.inf


def arredondar_8_bits(imagem: torch.Tensor) -> torch.Tensor:
    """Arredonda uma imagem em [0, 1] para os 256 níveis de um arquivo de 8 bits (PNG, JPEG).

    É o que acontece quando uma imagem desfocada é salva: o erro em cada pixel chega a
    1/510 ≈ 0,002. Notebook 05.
    """
    imagem = tensor("imagem", imagem, 1, 5)
    if imagem.min() < 0 or imagem.max() > 1:
        raise ValueError(f"imagem deve estar em [0, 1], mas vai de {imagem.min().item():.3g} "
                         f"a {imagem.max().item():.3g}")
    return torch.round(imagem * 255) / 255


def intensidade_xadrez(imagem: torch.Tensor, stride: int = 2) -> float:
    """Quanto as s × s fases de uma imagem diferem em média: ~0 sem xadrez, maior com ele.

    Cada fase (a, b) são os pixels (i, j) com i mod s = a e j mod s = b. Uma transposta de
    passo s monta cada fase com um pedaço diferente do núcleo; se esses pedaços somam valores
    diferentes, as fases ficam com médias diferentes — o padrão de xadrez. Devolve o desvio
    padrão das s² médias de fase dividido pelo desvio padrão da imagem (0 se ela é constante,
    também a menos do arredondamento do ponto flutuante).

    Parâmetros
    ----------
    imagem : tensor (..., H, W); as médias são tomadas sobre tudo o que não é fase.
    stride : s >= 2.
    """
    imagem = tensor("imagem", imagem, 2, 5)
    stride = inteiro("stride", stride)
    exigir(stride >= 2, f"stride deve ser >= 2 para haver fases, mas recebeu stride={stride}")
    H, W = (n - n % stride for n in imagem.shape[-2:])
    fases = imagem[..., :H, :W].unflatten(-2, (H // stride, stride)).unflatten(-1, (W // stride, stride))
    medias = fases.transpose(-3, -2).flatten(-2).transpose(-1, 0).reshape(stride * stride, -1).mean(1)
    desvio = imagem.std()
    # constante a menos do arredondamento do ponto flutuante: sem xadrez
    if not desvio > 64 * torch.finfo(imagem.dtype).eps * imagem.abs().max():
        return 0.0
    return float(medias.std(unbiased=False) / desvio)


def espalhar(x: torch.Tensor, peso: torch.Tensor, stride: Tamanho = 1, dilation: Tamanho = 1) -> torch.Tensor:
    """A quarta visão da transposta 2D: cada x[i, j] soma x[i, j]·peso a partir de (i·s, j·s).

    O peso (a, b) de cada cópia cai em (i·s + a·d, j·s + b·d) (``convaula.janela.posicao_lida``).
    Devolve a saída "cheia", antes do corte do padding: ((H − 1)s + d(k − 1) + 1) por dimensão.
    Igual a ``F.conv_transpose2d(x[None, None], peso[None, None], stride, dilation=d)[0, 0]``.

    Parâmetros: ``x`` (H, W), ``peso`` (k_h, k_w), ``stride`` e ``dilation`` int ou par. Usada pelos desenhos da transposta (notebook 05).
    """
    x, peso = tensor("x", x, 2, 2), tensor("peso", peso, 2, 2)
    (sh, sw), (dh, dw) = par("stride", stride), par("dilation", dilation)
    (h, wd), (kh, kw) = x.shape, peso.shape
    cheia = torch.zeros((h - 1) * sh + dh * (kh - 1) + 1, (wd - 1) * sw + dw * (kw - 1) + 1, dtype=x.dtype)
    for a in range(kh):
        for b in range(kw):
            cheia[a * dh: a * dh + (h - 1) * sh + 1: sh, b * dw: b * dw + (wd - 1) * sw + 1: sw] += x * peso[a, b]
    return cheia


def somas_das_fases(peso: torch.Tensor, stride: int = 2) -> torch.Tensor:
    """A soma de cada pedaço ``peso[..., a::s, b::s]`` do núcleo: o que cada fase da saída soma.

    Numa transposta de passo s, a fase (a, b) da saída (linhas ≡ a, colunas ≡ b, mod s) recebe,
    de uma entrada constante, essa soma vezes a constante (longe da borda, a menos de uma troca
    de ordem das fases que depende do ``padding``). Somas iguais: sem xadrez.

    Parâmetros
    ----------
    peso : núcleo (k_h, k_w) ou peso (..., k_h, k_w) de ``nn.ConvTranspose2d``.
    stride : s >= 1.

    Retorna um tensor (..., s, s). Notebook 05.
    """
    peso = tensor("peso", peso, 2, 4)
    stride = inteiro("stride", stride)
    if stride < 1:
        raise ValueError(f"stride deve ser >= 1, mas recebeu stride={stride}")
    return torch.stack([torch.stack([peso[..., a::stride, b::stride].sum((-2, -1)) for b in range(stride)], -1)
                        for a in range(stride)], -2)


def transposta_do_aumento(nucleo: torch.Tensor, fator: int = 2, padding: int = 0) -> tuple[torch.Tensor, int]:
    """O vizinho mais próximo ×``fator`` seguido de ``F.conv2d(·, nucleo, padding)`` como UMA transposta.

    ``F.conv2d(F.interpolate(x, scale_factor=fator), nucleo, padding=padding)`` é igual a
    ``F.conv_transpose2d(x, peso, stride=fator, padding=q)``, em que ``peso`` é o núcleo
    invertido convoluído (conv. cheia) com uma caixa de uns ``fator × fator`` e
    q = k − 1 − ``padding``. Cada fase do ``peso`` soma o núcleo inteiro: as fases existem, mas
    estão equilibradas.

    Parâmetros
    ----------
    nucleo : peso (C_out, C_in, k, k) de ``nn.Conv2d`` (ou um núcleo (k, k)).
    fator : o fator do aumento, >= 1.
    padding : o da convolução, 0 <= padding <= k − 1.

    Retorna ``(peso, q)``, com ``peso`` no formato (C_in, C_out, k + fator − 1, ...) de
    ``nn.ConvTranspose2d``. Notebook 05.
    """
    nucleo = tensor("nucleo", nucleo, 2, 4)
    if nucleo.dim() == 2:
        nucleo = nucleo[None, None]
    fator, padding = inteiro("fator", fator), inteiro("padding", padding)
    k = nucleo.shape[-1]
    if nucleo.shape[-2] != k:
        raise ValueError(f"nucleo deve ser quadrado, mas recebeu a forma {tuple(nucleo.shape)}")
    if fator < 1 or not 0 <= padding <= k - 1:
        raise ValueError(f"fator deve ser >= 1 e 0 <= padding <= k − 1 = {k - 1}, mas recebeu "
                         f"fator={fator}, padding={padding}")
    invertido = nucleo.flip(-2, -1).transpose(0, 1)                      # (C_in, C_out, k, k)
    c_in, c_out = invertido.shape[:2]
    caixa = torch.ones(1, 1, fator, fator, dtype=nucleo.dtype)
    peso = F.conv_transpose2d(invertido.reshape(c_in * c_out, 1, k, k), caixa)   # conv. cheia
    return peso.reshape(c_in, c_out, k + fator - 1, k + fator - 1), k - 1 - padding
