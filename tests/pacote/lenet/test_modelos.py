"""LeNet-5 e a variante sem subamostragem: formatos da tabela, parâmetros e opções."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from convaula.lenet import modelos
from convaula.lenet.modelos import LeNet5, LeNetSemSubamostragem, formatos_esperados, resumo_torchinfo

TABELA_LENET5 = {"c1": (6, 28, 28), "s2": (6, 14, 14), "c3": (16, 10, 10), "s4": (16, 5, 5),
                 "c5": (120, 1, 1), "achatar": (120,), "f6": (84,), "saida": (10,)}


def _formatos_reais(modelo: nn.Sequential, lado: int = 32) -> dict[str, tuple[int, ...]]:
    formatos, x = {}, torch.zeros(2, 1, lado, lado)
    for nome, camada in modelo.named_children():
        x = camada(x)
        formatos[nome] = tuple(x.shape[1:])
    return formatos


@pytest.mark.parametrize("kwargs", [{}, {"pooling": "max", "ativacao": "relu"}, {"batch_norm": True}])
def test_formatos_da_tabela_classica(kwargs):
    modelo = LeNet5(**kwargs).eval()
    reais, previstos = _formatos_reais(modelo), formatos_esperados(modelo)
    assert reais == previstos
    assert {nome: reais[nome] for nome in TABELA_LENET5} == TABELA_LENET5


def test_parametros_por_camada_lenet5():
    modelo = LeNet5()
    contagem = {nome: sum(p.numel() for p in camada.parameters())
                for nome, camada in modelo.named_children()}
    assert (contagem["c1"], contagem["c3"], contagem["c5"]) == (156, 2_416, 48_120)
    assert (contagem["f6"], contagem["saida"]) == (10_164, 850)
    assert sum(contagem.values()) == 61_706


def test_variante_sem_subamostragem():
    modelo = LeNetSemSubamostragem()
    formatos = formatos_esperados(modelo)
    assert [formatos[n] for n in ("c1", "c2", "c3", "achatar")] == [
        (6, 28, 28), (16, 24, 24), (120, 20, 20), (48_000,)]
    assert formatos == _formatos_reais(modelo)
    total = sum(p.numel() for p in modelo.parameters())
    assert total == 156 + 2_416 + 48_120 + 48_000 * 84 + 84 + 850 == 4_083_626
    assert total > 60 * sum(p.numel() for p in LeNet5().parameters())


def test_opcoes_trocam_as_camadas():
    modelo = LeNet5(ativacao="relu", pooling="max", batch_norm=True)
    assert isinstance(modelo.s2, nn.MaxPool2d) and isinstance(modelo.a1, nn.ReLU)
    assert isinstance(modelo.bn1, nn.BatchNorm2d) and isinstance(modelo.bn6, nn.BatchNorm1d)
    assert isinstance(LeNet5().s2, nn.AvgPool2d) and isinstance(LeNet5().a1, nn.Tanh)
    assert not any(isinstance(c, nn.BatchNorm2d) for c in LeNet5().modules())


def test_formatos_esperados_detecta_entrada_incompativel():
    with pytest.raises(ValueError, match="Linear espera 120"):
        formatos_esperados(LeNet5(), entrada=(1, 36, 36))


@pytest.mark.parametrize("kwargs, texto", [
    ({"ativacao": "softplus"}, "ativacao='softplus'"), ({"pooling": "media"}, "pooling='media'"),
    ({"num_classes": 1}, "num_classes=1")])
def test_argumentos_invalidos(kwargs, texto):
    with pytest.raises(ValueError, match=texto):
        LeNet5(**kwargs)


def test_formatos_esperados_exige_sequential():
    with pytest.raises(TypeError, match="nn.Sequential"):
        formatos_esperados(nn.Conv2d(1, 6, 5))


def test_torchinfo_confere_os_formatos_calculados():
    pytest.importorskip("torchinfo")
    modelo = LeNet5(pooling="max")
    resumo = resumo_torchinfo(modelo)
    previstos = formatos_esperados(modelo)
    linhas = {linha.var_name: tuple(linha.output_size[1:]) for linha in resumo.summary_list[1:]}
    assert linhas == previstos
    assert resumo.total_params == 61_706


def test_em_avaliacao_restaura_o_modo_mesmo_com_erro():
    from convaula.lenet.modelos import em_avaliacao

    modelo = LeNet5()
    with em_avaliacao(modelo):
        assert not modelo.training
    assert modelo.training
    modelo.eval()
    with pytest.raises(RuntimeError):
        with em_avaliacao(modelo):
            modelo.train()
            raise RuntimeError("falha no meio")
    assert not modelo.training


def test_c3_original_esparsa_tem_1516_parametros():
    tabela = modelos.tabela_c3()
    assert tabela.shape == (6, 16) and tabela.sum(0).tolist() == [3] * 6 + [4] * 9 + [6]
    cheia = torch.ones(6, 16, dtype=torch.bool)
    densa = sum(p.numel() for p in torch.nn.Conv2d(6, 16, 5).parameters())
    assert modelos.parametros_conv_esparsa(cheia, 5) == densa == 2416
    assert modelos.parametros_conv_esparsa(tabela, 5) == 1516
    assert modelos.parametros_conv_esparsa(tabela, 5, bias=False) == 1500
    original = modelos.parametros_lenet_original()
    assert sum(original.values()) == 60_000  # "60.000 parâmetros livres" (LeCun et al., 1998)
    with pytest.raises(TypeError, match="tensor booleano"):
        modelos.parametros_conv_esparsa(torch.ones(6, 16), 5)
    with pytest.raises(ValueError, match="kernel_size deve ser >= 1"):
        modelos.parametros_conv_esparsa(tabela, 0)


@pytest.mark.parametrize("kernel_size, erro", [(2.5, TypeError), (True, TypeError), (0, ValueError)])
def test_parametros_conv_esparsa_tipo_errado_e_type_error_fora_da_faixa_e_value_error(kernel_size, erro):
    with pytest.raises(erro, match=f"kernel_size={kernel_size!r}"):
        modelos.parametros_conv_esparsa(modelos.tabela_c3(), kernel_size)


@pytest.mark.parametrize("classe", [LeNet5, LeNetSemSubamostragem])
@pytest.mark.parametrize("num_classes, erro", [(10.0, TypeError), (True, TypeError), (1, ValueError)])
def test_num_classes_tipo_errado_e_type_error_fora_da_faixa_e_value_error(classe, num_classes, erro):
    with pytest.raises(erro, match=f"num_classes={num_classes!r}"):
        classe(num_classes=num_classes)
