"""mostrar_imagens: formas do PyTorch viram imagens do matplotlib; escalas e erros."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from convaula.desenho.imagens import mostrar_imagens  # noqa: E402


@pytest.fixture(autouse=True)
def _fechar():
    yield
    plt.close("all")


def test_formas_do_pytorch_e_titulos():
    cinza, rgb, lote = torch.rand(1, 6, 5), torch.rand(3, 6, 5), torch.rand(1, 1, 6, 5)
    eixos = mostrar_imagens([cinza, rgb, lote, cinza[0]], ["a", "b", "c", "d"])
    assert [ax.get_title() for ax in eixos] == ["a", "b", "c", "d"]
    arrays = [ax.get_images()[0].get_array() for ax in eixos]
    assert [a.shape for a in arrays] == [(6, 5), (6, 5, 3), (6, 5), (6, 5)]
    torch.testing.assert_close(torch.as_tensor(arrays[1]), rgb.permute(1, 2, 0))
    assert all(not ax.axison for ax in eixos)


def test_escala_comum_e_simetrica():
    a, b = torch.full((4, 4), -2.0), torch.full((4, 4), 5.0)
    b[0, 0] = 1.0
    comum = mostrar_imagens([a, b], escala="comum")
    assert all(ax.get_images()[0].get_clim() == (-2.0, 5.0) for ax in comum)
    simetrica = mostrar_imagens([a, b], escala="simetrica")
    assert all(ax.get_images()[0].get_clim() == (-5.0, 5.0) for ax in simetrica)
    assert simetrica[0].get_images()[0].get_cmap().name == "RdBu"
    propria = mostrar_imagens([a, b])
    assert propria[1].get_images()[0].get_clim() == (1.0, 5.0)
    fixa = mostrar_imagens([a], escala=(0, 1))
    assert fixa[0].get_images()[0].get_clim() == (0.0, 1.0)


def test_eixos_dados_sao_usados():
    _, eixos = plt.subplots(1, 2)
    devolvidos = mostrar_imagens([torch.rand(3, 3), torch.rand(3, 3)], eixos=list(eixos))
    assert devolvidos == list(eixos)


@pytest.mark.parametrize("argumentos, erro, trecho", [
    ({"imagens": torch.rand(3, 3)}, TypeError, "lista"),
    ({"imagens": []}, TypeError, "lista"),
    ({"imagens": [[1, 2]]}, TypeError, "imagens\\[0\\]"),
    ({"imagens": [torch.rand(2, 3, 3)]}, ValueError, "forma"),
    ({"imagens": [torch.rand(3, 3)], "titulos": ["a", "b"]}, ValueError, "titulos"),
    ({"imagens": [torch.rand(3, 3)], "escala": "log"}, ValueError, "escala"),
])
def test_recusa(argumentos, erro, trecho):
    with pytest.raises(erro, match=trecho):
        mostrar_imagens(**argumentos)
