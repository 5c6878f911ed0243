"""Os exploradores de tamanho como widget, sem navegador: o pedido do navegador chega ao estado e
volta como cena, o texto estável para o nbval e a figura estática no notebook salvo.
(Os números da cena são conferidos contra o torch em test_tamanho.py.)"""

import itertools

import pytest
import torch
import torch.nn.functional as F

from convaula.desenho import explorar_conv1d, explorar_conv2d, explorar_transposta


def _controle(explorador, nome):
    return next(c for c in explorador.cena["controles"] if c["nome"] == nome)


def test_repr_estavel_para_o_nbval():
    e = explorar_conv2d(n=7, kernel_size=3, padding=1, stride=2)
    texto = "Explorador conv2d: n=7, kernel_size=3, padding=1, stride=2, dilation=1 → saída 4×4"
    assert repr(e) == texto
    dados = e._repr_mimebundle_()
    assert dados["text/plain"] == texto
    assert "application/vnd.jupyter.widget-view+json" in dados
    assert '<img src="data:image/png;base64,iVBOR' in dados["text/html"] and f'{texto}"' in dados["text/html"]
    assert "figura estática: execute a célula para interagir" in dados["text/html"]
    assert dados == explorar_conv2d(n=7, kernel_size=3, padding=1, stride=2)._repr_mimebundle_() | {
        "application/vnd.jupyter.widget-view+json": dados["application/vnd.jupyter.widget-view+json"]}


def test_pedido_do_navegador_muda_a_cena():
    e = explorar_conv2d(n=5, kernel_size=3)
    e.pedido = {"nome": "padding", "valor": 1, "vez": 1}  # como o navegador manda
    assert e.forma_saida == (5, 5) and _controle(e, "padding")["valor"] == 1
    assert e.cena["formula"][-1] == "saída: 5×5" and len(e.cena["passos"]) == 25
    e.pedir("padding", 0)
    e.pedir("kernel_size", 7)
    assert e.forma_saida is None and "kernel_size = 7" in e.cena["mensagem"] and e.cena["passos"] == []
    e.pedir("kernel_size", 3)
    assert e.cena["mensagem"] == "" and e.forma_saida == (3, 3)


def test_transposta_output_padding_e_recusa():
    e = explorar_transposta(n=3, kernel_size=3, stride=2)
    e.pedir("output_padding", 1)
    assert e.forma_saida == (8, 8) and e.cena["formula"][0].endswith("= 8")
    e.pedir("output_padding", 2)
    assert e.forma_saida is None and "output_padding deve ser menor" in e.cena["mensagem"]


def test_tensores_dados_travam_n_e_kernel():
    x, w = torch.arange(16.0).reshape(4, 4), torch.ones(2, 2)
    e = explorar_conv2d(entrada=x, peso=w)
    assert _controle(e, "n")["travado"] and _controle(e, "kernel_size")["travado"] and not _controle(e, "padding")["travado"]
    saida = next(p for p in e.cena["paineis"] if p["id"] == "saida")
    assert saida["textos"] == [f"{v:g}" for v in F.conv2d(x[None, None], w[None, None]).reshape(-1).tolist()]
    with pytest.raises(TypeError, match="entrada deve ser um torch.Tensor"):
        explorar_conv2d(entrada=[[1, 2], [3, 4]])


def _aceito_pelo_torch(chamada) -> tuple | None:
    try:
        return tuple(chamada().shape[2:])
    except RuntimeError:
        return None


def test_varredura_conv1d_pelos_pedidos():
    e, recusadas = explorar_conv1d(), 0
    grade = {"n": [1, 2, 5], "kernel_size": [1, 3], "padding": [0, 2], "stride": [1, 3], "dilation": [1, 2]}
    for valores in itertools.product(*grade.values()):
        v = dict(zip(grade, valores))
        for nome, valor in v.items():
            e.pedir(nome, valor)
        esperado = _aceito_pelo_torch(lambda: F.conv1d(torch.zeros(1, 1, v["n"]), torch.zeros(1, 1, v["kernel_size"]),
                                                       stride=v["stride"], padding=v["padding"], dilation=v["dilation"]))
        assert e.forma_saida == esperado and (e.cena["mensagem"] != "") == (esperado is None), v
        assert len(e.cena["passos"]) == (esperado[0] if esperado else 0)
        recusadas += esperado is None
    assert recusadas > 0


def test_valores_iniciais_fora_do_intervalo_dos_sliders():
    e = explorar_conv1d(n=30, kernel_size=9)
    assert _controle(e, "n")["max"] == 30 and _controle(e, "kernel_size")["max"] == 9 and e.forma_saida == (22,)
