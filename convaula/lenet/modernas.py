"""Os blocos das CNNs de hoje e uma rede pequena feita com eles, para comparar com a LeNet-5.

- ``conv_bn_relu``: convolução 3×3 (sem viés), normalização em lote e ReLU, o bloco de base;
- ``BlocoResidual``: y = ReLU(x + F(x)), com F = duas convoluções 3×3 (ResNet); com
  ``residual=False`` é a mesma pilha sem o atalho, para comparar;
- ``gargalo``: o bloco 1×1 → 3×3 → 1×1 da ResNet-50 (256 → 64 → 64 → 256);
- ``SubamostragemSuave``: desfoque binomial e depois subamostragem (Zhang, 2019);
- ``RedeModerna``: três resoluções (32, 16, 8), canais dobrando, blocos residuais e
  subamostragem global pela média no fim; ``linear_como_conv`` e ``totalmente_convolucional``
  transformam as camadas densas de uma rede em convoluções (a rede desliza numa imagem maior);
- ``normas_do_gradiente``: a norma do gradiente na entrada de cada bloco de uma pilha;
- ``recalibrar_normalizacao``: recalcula as médias móveis das ``BatchNorm`` com os pesos finais.

Notebook 09.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Sequence

import torch
import torch.nn.functional as F
from torch import nn

from .._argumentos import booleano, inteiro, positivo
from ..separaveis import bloco_separavel
from .modelos import LeNet5

__all__ = ["BlocoResidual", "RedeModerna", "SubamostragemSuave", "camadas_espaciais",
           "conv_bn_relu", "gargalo", "linear_como_conv", "normas_do_gradiente",
           "recalibrar_normalizacao", "totalmente_convolucional"]

_POOLINGS = ("max", "suave")


def _canais(nome: str, valor: int) -> int:
    positivo(nome, inteiro(nome, valor), nome)
    return valor


def _conv3(c_in: int, c_out: int, separavel: bool, bias: bool) -> nn.Module:
    """Convolução 3×3 com preenchimento 1: comum ou separável em profundidade (notebook 06)."""
    if separavel:
        return bloco_separavel(c_in, c_out, 3, padding=1, bias=bias)
    return nn.Conv2d(c_in, c_out, 3, padding=1, bias=bias)


def conv_bn_relu(c_in: int, c_out: int, batch_norm: bool = True, separavel: bool = False) -> nn.Sequential:
    """O bloco convolução 3×3 → ``BatchNorm2d`` → ReLU (módulos ``conv``, ``bn``, ``relu``).

    Com a normalização em lote, a convolução não tem viés: o β da ``BatchNorm2d`` faz o papel
    dele (um viés antes da normalização seria subtraído junto com a média). Sem ela
    (``batch_norm=False``), a convolução tem viés e não há ``bn``. ``separavel`` troca a
    convolução pelo ``bloco_separavel`` do notebook 06. Notebook 09.
    """
    _canais("c_in", c_in), _canais("c_out", c_out)
    booleano("batch_norm", batch_norm), booleano("separavel", separavel)
    camadas = [("conv", _conv3(c_in, c_out, separavel, bias=not batch_norm))]
    camadas += [("bn", nn.BatchNorm2d(c_out))] if batch_norm else []
    return nn.Sequential(OrderedDict(camadas + [("relu", nn.ReLU())]))


class BlocoResidual(nn.Module):
    """y = ReLU(x + F(x)), com F = conv 3×3 → BN → ReLU → conv 3×3 → BN (He et al., 2016).

    Parâmetros
    ----------
    canais : C; a entrada e a saída têm C canais e o mesmo tamanho (preenchimento 1).
    batch_norm : as duas ``BatchNorm2d`` de F (sem elas, as convoluções têm viés).
    residual : com ``False``, y = ReLU(F(x)): a mesma pilha, sem o atalho.
    separavel : as convoluções de F viram ``bloco_separavel`` (a ideia da MobileNet).

    O atalho é a identidade: não tem parâmetros. Notebook 09.
    """

    def __init__(self, canais: int, batch_norm: bool = True, residual: bool = True,
                 separavel: bool = False) -> None:
        super().__init__()
        self.residual = booleano("residual", residual)
        primeira = conv_bn_relu(canais, canais, batch_norm, separavel)
        segunda = [("conv", _conv3(canais, canais, separavel, bias=not batch_norm))]
        segunda += [("bn", nn.BatchNorm2d(canais))] if batch_norm else []
        self.f = nn.Sequential(OrderedDict([("a", primeira), ("b", nn.Sequential(OrderedDict(segunda)))]))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(x + self.f(x) if self.residual else self.f(x))


def gargalo(canais: int = 256, meio: int = 64, bias: bool = False) -> nn.Sequential:
    """O gargalo da ResNet-50: 1×1 (``canais`` → ``meio``), 3×3 (``meio`` → ``meio``), 1×1 (→ ``canais``).

    Só as convoluções (``reduz``, ``conv``, ``expande``), sem normalização nem ativação, para
    contar parâmetros e FLOPs: com 256 e 64, 256·64 + 9·64² + 64·256 = 69.632 pesos.
    Notebook 09.
    """
    _canais("canais", canais), _canais("meio", meio)
    return nn.Sequential(OrderedDict([
        ("reduz", nn.Conv2d(canais, meio, 1, bias=bias)),
        ("conv", nn.Conv2d(meio, meio, 3, padding=1, bias=bias)),
        ("expande", nn.Conv2d(meio, canais, 1, bias=bias)),
    ]))


class SubamostragemSuave(nn.Module):
    """Desfoque binomial 3×3 (1 2 1 ⊗ 1 2 1 / 16) e depois passo 2: subamostragem sem serrilhado.

    Zhang (2019), "Making Convolutional Networks Shift-Invariant Again": tirar uma amostra a
    cada duas sem antes filtrar as frequências altas faz a saída pular quando a entrada anda
    um pixel (serrilhado, *aliasing*). O desfoque é uma convolução em profundidade fixa, sem
    parâmetros, com preenchimento por reflexão. Com ``maximo=True`` vem antes um máximo 2×2
    com passo 1 (o *MaxBlurPool* do artigo: o máximo denso, depois o desfoque com passo).
    ``kernel_size``, ``stride``, ``padding`` e ``dilation`` descrevem o desfoque, para
    ``campos_receptivos``. Notebook 09.
    """

    def __init__(self, canais: int, maximo: bool = False) -> None:
        super().__init__()
        self.canais = _canais("canais", canais)
        self.maximo = booleano("maximo", maximo)
        self.kernel_size, self.stride, self.padding, self.dilation = 3, 2, 1, 1
        binomial = torch.tensor([1.0, 2.0, 1.0])
        nucleo = torch.outer(binomial, binomial) / 16                          # (3, 3), soma 1
        self.register_buffer("nucleo", nucleo.expand(canais, 1, 3, 3).clone())  # (C, 1, 3, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.maximo:
            x = F.max_pool2d(F.pad(x, (0, 1, 0, 1), mode="replicate"), 2, stride=1)
        x = F.pad(x, (1, 1, 1, 1), mode="reflect")
        return F.conv2d(x, self.nucleo.to(x.dtype), stride=2, groups=self.canais)


def _subamostragem(pooling: str, canais: int) -> nn.Module:
    if pooling == "max":
        return nn.MaxPool2d(2)
    return SubamostragemSuave(canais, maximo=True)


class RedeModerna(nn.Sequential):
    """Uma CNN pequena com as regras de hoje, para imagens 1×32×32 (ou de qualquer tamanho).

    ``entrada`` (conv_bn_relu 1 → C₁, em 32×32); ``sub1`` (→ 16×16) e ``etapa1`` (um
    ``BlocoResidual`` com C₁ canais); ``sub2`` (→ 8×8) e ``etapa2`` (conv_bn_relu C₁ → C₂ e um
    bloco residual); ``sub3`` (→ 4×4) e ``etapa3`` (C₂ → C₃ e um bloco); ``gap`` (média
    global), ``achatar`` e ``saida`` (``Linear(C₃, num_classes)``). Cada subamostragem divide
    H×W por 4 e a etapa seguinte dobra os canais: o custo por etapa fica parecido.

    Parâmetros
    ----------
    canais : (C₁, C₂, C₃); o padrão (12, 24, 48) dá 68.170 parâmetros.
    batch_norm, residual, separavel : passados aos blocos (para as ablações).
    pooling : ``"max"`` (máximo 2×2, passo 2) ou ``"suave"`` (``SubamostragemSuave`` com o máximo).
    num_classes : tamanho da saída. Notebook 09.
    """

    def __init__(self, canais: Sequence[int] = (12, 24, 48), batch_norm: bool = True,
                 residual: bool = True, pooling: str = "max", separavel: bool = False,
                 num_classes: int = 10) -> None:
        if pooling not in _POOLINGS:
            raise ValueError(f"pooling deve ser 'max' ou 'suave', mas recebeu pooling={pooling!r}")
        if isinstance(canais, (str, bytes)) or len(tuple(canais)) != 3:
            raise ValueError(f"canais deve ter 3 valores (C₁, C₂, C₃), mas recebeu canais={canais!r}")
        c1, c2, c3 = (_canais(f"canais[{i}]", c) for i, c in enumerate(canais))
        num_classes = inteiro("num_classes", num_classes, minimo=2)
        bloco = lambda c: BlocoResidual(c, batch_norm, residual, separavel)  # noqa: E731
        etapa = lambda c_in, c_out: nn.Sequential(OrderedDict([  # noqa: E731
            ("conv", conv_bn_relu(c_in, c_out, batch_norm, separavel)), ("bloco", bloco(c_out))]))
        super().__init__(OrderedDict([
            ("entrada", conv_bn_relu(1, c1, batch_norm)),
            ("sub1", _subamostragem(pooling, c1)), ("etapa1", bloco(c1)),
            ("sub2", _subamostragem(pooling, c1)), ("etapa2", etapa(c1, c2)),
            ("sub3", _subamostragem(pooling, c2)), ("etapa3", etapa(c2, c3)),
            ("gap", nn.AdaptiveAvgPool2d(1)), ("achatar", nn.Flatten()),
            ("saida", nn.Linear(c3, num_classes)),
        ]))


def camadas_espaciais(modelo: nn.Module) -> list[nn.Module]:
    """As camadas que mexem no campo receptivo (convoluções, subamostragens), na ordem do caminho mais longo.

    Num ``BlocoResidual`` o atalho não tem camadas, então o caminho mais longo é o de F, e o
    campo dele limita o de todos os caminhos. As convoluções em profundidade e pontuais
    entram uma a uma; a média global fica de fora (ela vê o mapa inteiro). Notebook 09.
    """
    tipos = (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d, SubamostragemSuave)
    return [m for m in modelo.modules() if isinstance(m, tipos)]


def linear_como_conv(linear: nn.Linear, canais: int, kernel_size: int = 1) -> nn.Conv2d:
    """A mesma conta de ``linear`` como ``nn.Conv2d(canais, out_features, kernel_size)``.

    Uma camada densa que recebe um mapa C × k × k achatado é uma convolução k × k que cabe
    exatamente nele; em mapas maiores, a convolução desliza e dá uma saída por posição
    (CS231n, "Converting FC layers to CONV layers"). Exige ``in_features = canais·k²``.
    Usada por ``totalmente_convolucional``.
    """
    if not isinstance(linear, nn.Linear):
        raise TypeError(f"linear deve ser um nn.Linear, mas recebeu {type(linear).__name__}")
    k = inteiro("kernel_size", kernel_size)
    if linear.in_features != _canais("canais", canais) * k * k:
        raise ValueError(f"a Linear tem in_features={linear.in_features}, mas canais·k² = "
                         f"{canais}·{k}² = {canais * k * k}")
    conv = nn.Conv2d(canais, linear.out_features, k, bias=linear.bias is not None)
    with torch.no_grad():
        conv.weight.copy_(linear.weight.reshape(linear.out_features, canais, k, k))
        if linear.bias is not None:
            conv.bias.copy_(linear.bias)
    return conv.to(linear.weight.device)


def _bn_2d(bn: nn.BatchNorm1d) -> nn.BatchNorm2d:
    """A mesma normalização por canal, para mapas (N, C, H, W): γ, β e médias móveis copiados."""
    nova = nn.BatchNorm2d(bn.num_features, bn.eps, bn.momentum, bn.affine, bn.track_running_stats)
    nova.load_state_dict(bn.state_dict())
    return nova.to(next(bn.buffers()).device).train(bn.training)


def totalmente_convolucional(lenet: LeNet5) -> nn.Sequential:
    """A LeNet-5 (treinada ou não) sem camadas densas: F6 e a saída viram convoluções 1×1.

    Os pesos são copiados (uma ``BatchNorm1d`` em F6 vira ``BatchNorm2d`` com as mesmas
    estatísticas, o que dá a mesma conta em ``eval()``); numa entrada 32×32, a saída
    (N, 10, 1, 1) é a da rede original, e numa maior, (N, 10, H', W') dá as notas da LeNet-5
    em cada janela 32×32, com espaçamento 4. Notebook 09.
    """
    if not isinstance(lenet, LeNet5):
        raise TypeError(f"lenet deve ser uma LeNet5, mas recebeu {type(lenet).__name__}")
    camadas = OrderedDict()
    for nome, camada in lenet.named_children():
        if nome == "achatar":
            continue
        if isinstance(camada, nn.Linear):
            camada = linear_como_conv(camada, camada.in_features)
        elif isinstance(camada, nn.BatchNorm1d):
            camada = _bn_2d(camada)
        camadas[nome] = camada
    return nn.Sequential(camadas).train(lenet.training)


def normas_do_gradiente(blocos: nn.Sequential, x: torch.Tensor) -> list[float]:
    """‖∂L/∂(entrada do bloco i)‖ para cada bloco de ``blocos``, com L = soma da saída.

    A lista vai do primeiro bloco (o mais longe da perda) ao último; numa pilha sem atalhos o
    gradiente costuma encolher camada a camada na volta, e com atalhos ele passa pela
    identidade. Os pesos não guardam gradiente. Notebook 09.
    """
    if not isinstance(blocos, nn.Sequential):
        raise TypeError(f"blocos deve ser um nn.Sequential, mas recebeu {type(blocos).__name__}")
    estados = [p.requires_grad for p in blocos.parameters()]
    for p in blocos.parameters():
        p.requires_grad_(False)
    try:
        entradas, y = [], x.detach().requires_grad_(True)
        for bloco in blocos:
            y.retain_grad()
            entradas.append(y)
            y = bloco(y)
        y.sum().backward()
    finally:
        for p, estado in zip(blocos.parameters(), estados):
            p.requires_grad_(estado)
    return [float(e.grad.norm()) for e in entradas]


@torch.no_grad()
def recalibrar_normalizacao(modelo: nn.Module, x: torch.Tensor, batch_size: int = 500) -> int:
    """Recalcula ``running_mean`` e ``running_var`` de cada ``BatchNorm`` com os pesos finais.

    As médias móveis são médias exponenciais (``momentum`` = 0,1) de estatísticas tiradas com
    pesos que mudaram a cada passo; num treino curto, com passos grandes, elas ficam para trás
    e a rede em ``eval()`` erra mais do que em ``train()``. Aqui elas são zeradas e refeitas
    como a média simples sobre os lotes de ``x`` (imagens de treino), sem mexer nos pesos
    (Wu e Johnson, 2021, "Rethinking 'Batch' in BatchNorm": *precise BN*). O modelo volta ao
    modo em que estava. Devolve quantas camadas foram recalibradas (0: nada a fazer).
    Notebook 09.
    """
    normas = [m for m in modelo.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    if not normas:
        return 0
    estava_treinando, momentos = modelo.training, [m.momentum for m in normas]
    for m in normas:
        m.reset_running_stats()
        m.momentum = None  # média simples de todos os lotes
    modelo.train()
    try:
        for i in range(0, len(x), inteiro("batch_size", batch_size)):
            modelo(x[i:i + batch_size])
    finally:
        for m, momento in zip(normas, momentos):
            m.momentum = momento
        modelo.train(estava_treinando)
    return len(normas)
