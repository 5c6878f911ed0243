"""Os dados reais do matplotlib: formas, faixas, ordem e mensagens de erro."""

import pytest
import torch

from convaula import reais


def test_foto_cinza_e_luminancia_do_rgb():
    rgb = reais.foto(cinza=False, tamanho=None)
    cinza = reais.foto(cinza=True, tamanho=None)
    assert rgb.shape == (3, 600, 512) and cinza.shape == (1, 600, 512)
    assert rgb.dtype == torch.float32 and 0 <= rgb.min() and rgb.max() <= 1
    pesos = torch.tensor(reais.LUMINANCIA).reshape(3, 1, 1)
    torch.testing.assert_close(cinza, (rgb * pesos).sum(0, keepdim=True))
    assert rgb.std() > 0.1  # uma foto, não uma imagem constante


def test_luminancia_numa_imagem_e_num_lote():
    rgb = torch.rand(2, 3, 5, 5)
    esperado = 0.299 * rgb[:, 0] + 0.587 * rgb[:, 1] + 0.114 * rgb[:, 2]
    assert torch.allclose(reais.luminancia(rgb)[:, 0], esperado)
    assert torch.allclose(reais.luminancia(rgb[1]), esperado[1][None])
    with pytest.raises(ValueError, match="rgb deve ter 3 canais"):
        reais.luminancia(torch.zeros(1, 1, 4, 4))


@pytest.mark.parametrize("tamanho, forma", [(256, (1, 300, 256)), (64, (1, 75, 64)), (512, (1, 600, 512))])
def test_foto_redimensionada_mantem_proporcao(tamanho, forma):
    imagem = reais.foto(tamanho=tamanho)
    assert imagem.shape == forma
    assert 0 <= imagem.min() and imagem.max() <= 1


def test_foto_reduzida_parece_a_original():
    original, reduzida = reais.foto(tamanho=None), reais.foto(tamanho=128)
    media = torch.nn.functional.adaptive_avg_pool2d(original[None], reduzida.shape[-2:])[0]
    assert (media - reduzida).abs().mean() < 0.03


@pytest.mark.parametrize("argumentos, erro", [
    ({"tamanho": 4}, ValueError), ({"tamanho": 2.5}, TypeError), ({"tamanho": True}, TypeError),
    ({"cinza": "sim"}, TypeError),
])
def test_foto_recusa_argumentos(argumentos, erro):
    with pytest.raises(erro, match="tamanho|cinza"):
        reais.foto(**argumentos)


def test_serie_msft_em_ordem_cronologica():
    s = reais.serie()
    assert s.valores.shape == (65,) and len(s.datas) == 65
    assert s.datas[0] == "19-Jun-03" and s.datas[-1] == "19-Sep-03"
    assert s.valores[-1].item() == pytest.approx(29.96)  # primeira linha do arquivo: o pregão mais recente


def test_serie_mensal_descarta_meses_sem_cotacao():
    amzn, ibm = reais.serie("AMZN mensal"), reais.serie("IBM mensal")
    assert len(amzn.valores) < len(ibm.valores)
    assert amzn.datas == sorted(amzn.datas) and ibm.datas[0].startswith("1990")
    assert torch.isfinite(amzn.valores).all()
    with pytest.raises(ValueError, match="Stocks.csv"):
        reais.serie("PETR4")
    with pytest.raises(TypeError):
        reais.serie(3)


def test_eeg_e_ressonancia():
    sinais = reais.eeg()
    assert sinais.shape == (4, 800) and torch.isfinite(sinais).all()
    assert (sinais.std(dim=1) > 0).all()
    corte = reais.ressonancia()
    assert corte.shape == (1, 256, 256) and corte.max() == 1 and corte.min() == 0


def test_arquivo_ausente_explica_em_portugues(monkeypatch, tmp_path):
    import matplotlib

    monkeypatch.setattr(matplotlib, "get_data_path", lambda: str(tmp_path))
    with pytest.raises(reais.ArquivoAusente, match="reinstale"):
        reais.foto()
    assert issubclass(reais.ArquivoAusente, FileNotFoundError)
