"""Blocos e rede moderna do notebook 09 conferidos contra o torch."""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import nn

from convaula.lenet import modernas
from convaula.lenet.modelos import LeNet5
from convaula.receptivo import campos_receptivos
from convaula.contagem import contar_flops, contar_parametros


def _campo_pelo_gradiente(modelo: nn.Module, lado: int = 64) -> tuple[int, int]:
    """Altura e largura da região com gradiente não nulo para a saída central."""
    x = torch.randn(1, 1, lado, lado, dtype=torch.float64, requires_grad=True)
    y = modelo.double()(x)
    y[0, :, y.shape[2] // 2, y.shape[3] // 2].sum().backward()
    linhas, colunas = (x.grad[0, 0] != 0).nonzero().unbind(1)
    return int(linhas.max() - linhas.min() + 1), int(colunas.max() - colunas.min() + 1)


def test_conv_bn_relu_sem_vies_com_bn():
    bloco = modernas.conv_bn_relu(4, 8)
    assert bloco.conv.bias is None and isinstance(bloco.bn, nn.BatchNorm2d)
    assert contar_parametros(bloco) == 9 * 4 * 8 + 2 * 8
    sem = modernas.conv_bn_relu(4, 8, batch_norm=False)
    assert sem.conv.bias is not None and not hasattr(sem, "bn")
    x = torch.randn(2, 4, 5, 5)
    assert torch.allclose(sem(x), F.relu(F.conv2d(x, sem.conv.weight, sem.conv.bias, padding=1)))


@pytest.mark.parametrize("batch_norm", [True, False])
def test_bloco_residual_soma_o_atalho(batch_norm):
    torch.manual_seed(0)
    bloco = modernas.BlocoResidual(6, batch_norm=batch_norm).eval()
    simples = modernas.BlocoResidual(6, batch_norm=batch_norm, residual=False).eval()
    simples.load_state_dict(bloco.state_dict())
    x = torch.randn(3, 6, 7, 7)
    assert torch.allclose(bloco(x), F.relu(x + bloco.f(x)))
    assert torch.allclose(simples(x), F.relu(bloco.f(x)))
    assert contar_parametros(bloco) == contar_parametros(simples)


def test_gargalo_resnet50():
    g = modernas.gargalo()
    assert contar_parametros(g) == 69_632
    assert contar_flops(g, torch.zeros(1, 256, 56, 56)) == 2 * 69_632 * 56 * 56


def test_subamostragem_suave_contra_o_torch():
    x = torch.randn(2, 3, 9, 10)
    suave = modernas.SubamostragemSuave(3)
    binomial = torch.tensor([1.0, 2.0, 1.0])
    nucleo = (torch.outer(binomial, binomial) / 16).expand(3, 1, 3, 3)
    esperado = F.conv2d(F.pad(x, (1, 1, 1, 1), mode="reflect"), nucleo, stride=2, groups=3)
    assert torch.allclose(suave(x), esperado, atol=1e-6)
    assert suave(x).shape[-2:] == F.max_pool2d(x, 2, ceil_mode=True).shape[-2:]
    constante = torch.full((1, 3, 8, 8), 2.5)
    assert torch.allclose(suave(constante), torch.full((1, 3, 4, 4), 2.5))  # o desfoque soma 1
    com_max = modernas.SubamostragemSuave(3, maximo=True)
    x8 = torch.randn(1, 3, 8, 8)
    denso = F.max_pool2d(F.pad(x8, (0, 1, 0, 1), mode="replicate"), 2, stride=1)
    assert torch.allclose(com_max(x8), suave(denso), atol=1e-6)
    assert contar_parametros(suave) == 0


@pytest.mark.parametrize("kwargs", [{}, {"batch_norm": False}, {"residual": False},
                                    {"pooling": "suave"}, {"separavel": True}])
def test_rede_moderna_formatos_e_qualquer_tamanho(kwargs):
    rede = modernas.RedeModerna(**kwargs).eval()
    for lado in (28, 32, 48):
        assert rede(torch.zeros(2, 1, lado, lado)).shape == (2, 10)
    assert nn.Sequential(*list(rede)[:-3])(torch.zeros(1, 1, 32, 32)).shape == (1, 48, 4, 4)


def test_rede_moderna_parametros_e_flops():
    rede = modernas.RedeModerna()
    assert contar_parametros(rede) == 68_494
    convs = [m for m in rede.modules() if isinstance(m, nn.Conv2d)]
    x = torch.zeros(1, 1, 32, 32)
    esperado = sum(2 * c.weight.numel() * h * h for c, h in zip(
        convs, [32, 16, 16, 8, 8, 8, 4, 4, 4]))
    assert contar_flops(rede, x) == esperado + 2 * 48 * 10


def test_campo_do_caminho_mais_longo_e_o_do_gradiente():
    torch.manual_seed(0)
    rede = modernas.RedeModerna(batch_norm=False)
    ate_etapa2 = nn.Sequential(*list(rede)[:5])
    r = campos_receptivos(modernas.camadas_espaciais(ate_etapa2))[-1].campo
    assert _campo_pelo_gradiente(ate_etapa2, lado=64) == (r, r)


def test_campo_de_subamostragem_suave_conta_o_desfoque():
    camadas = modernas.camadas_espaciais(nn.Sequential(*list(modernas.RedeModerna(pooling="suave"))[:2]))
    assert [c.campo for c in campos_receptivos(camadas)] == [3, 5]
    assert _campo_pelo_gradiente(nn.Sequential(modernas.SubamostragemSuave(1)), lado=9) == (3, 3)


def test_linear_como_conv_e_lenet_totalmente_convolucional():
    torch.manual_seed(0)
    linear = nn.Linear(8 * 3 * 3, 5)
    conv = modernas.linear_como_conv(linear, 8, kernel_size=3)
    x = torch.randn(4, 8, 3, 3)
    assert torch.allclose(conv(x).flatten(1), linear(x.flatten(1)), atol=1e-6)
    lenet = LeNet5(ativacao="relu", pooling="max").eval()
    fc = modernas.totalmente_convolucional(lenet).eval()
    imagem = torch.randn(2, 1, 32, 32)
    assert torch.allclose(fc(imagem).flatten(1), lenet(imagem), atol=1e-5)
    grande = torch.randn(1, 1, 48, 40)
    notas = fc(grande)
    assert notas.shape == (1, 10, 5, 3)
    for i, j in ((0, 0), (4, 2), (2, 1)):
        recorte = grande[:, :, 4 * i:4 * i + 32, 4 * j:4 * j + 32]
        assert torch.allclose(notas[0, :, i, j], lenet(recorte)[0], atol=1e-5)
    com_bn = LeNet5(batch_norm=True)
    com_bn(torch.randn(16, 1, 32, 32))  # mexe nas médias móveis
    com_bn.eval()
    assert torch.allclose(modernas.totalmente_convolucional(com_bn)(imagem).flatten(1),
                          com_bn(imagem), atol=1e-5)
    with pytest.raises(TypeError):
        modernas.totalmente_convolucional(nn.Sequential())
    with pytest.raises(ValueError):
        modernas.linear_como_conv(linear, 7, kernel_size=3)


def test_normas_do_gradiente_contra_autograd():
    torch.manual_seed(0)
    blocos = nn.Sequential(*[modernas.BlocoResidual(4, batch_norm=False, residual=r)
                             for r in (True, False, True)])
    x = torch.randn(2, 4, 6, 6)
    normas = modernas.normas_do_gradiente(blocos, x)
    assert len(normas) == 3 and all(p.grad is None for p in blocos.parameters())
    assert all(p.requires_grad for p in blocos.parameters())
    entrada = x.clone().requires_grad_(True)
    blocos(entrada).sum().backward()
    assert normas[0] == pytest.approx(float(entrada.grad.norm()), rel=1e-5)


def test_gradiente_some_sem_atalho_e_fica_com_atalho():
    torch.manual_seed(0)
    x = torch.randn(4, 8, 8, 8)
    pilha = lambda r: nn.Sequential(*[modernas.BlocoResidual(8, batch_norm=False, residual=r)  # noqa: E731
                                      for _ in range(20)])
    simples, residual = pilha(False), pilha(True)
    n_simples, n_residual = (modernas.normas_do_gradiente(p, x) for p in (simples, residual))
    assert n_simples[0] / n_simples[-1] < 1e-3
    assert n_residual[0] / n_residual[-1] > 0.5


@pytest.mark.parametrize("kwargs, erro", [({"pooling": "media"}, ValueError),
                                          ({"canais": (8, 16)}, ValueError),
                                          ({"canais": (8, 0, 16)}, ValueError),
                                          ({"num_classes": 1}, ValueError),
                                          ({"num_classes": 10.0}, TypeError),
                                          ({"num_classes": True}, TypeError),
                                          ({"batch_norm": "sim"}, TypeError)])
def test_rede_moderna_recusa_argumentos_ruins(kwargs, erro):
    with pytest.raises(erro):
        modernas.RedeModerna(**kwargs)


def test_recalibrar_normalizacao_da_as_estatisticas_do_conjunto():
    torch.manual_seed(0)
    rede = nn.Sequential(nn.Conv2d(1, 3, 3), nn.BatchNorm2d(3)).eval()
    x = torch.randn(40, 1, 8, 8) * 2 + 1
    assert modernas.recalibrar_normalizacao(rede, x, batch_size=10) == 1
    mapas = rede[0](x)
    media = mapas.mean(dim=(0, 2, 3))
    medias_por_lote = torch.stack([rede[0](x[i:i + 10]).mean(dim=(0, 2, 3)) for i in range(0, 40, 10)])
    assert torch.allclose(rede[1].running_mean, medias_por_lote.mean(0), atol=1e-5)
    assert torch.allclose(rede[1].running_mean, media, atol=1e-5)
    assert not rede.training and rede[1].momentum == 0.1
    assert modernas.recalibrar_normalizacao(nn.Sequential(nn.Conv2d(1, 1, 3)), x) == 0
