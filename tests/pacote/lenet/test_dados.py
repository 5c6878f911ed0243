"""Substituto sintético no formato do torchvision, carregamento em tensores e dados ausentes."""

from __future__ import annotations

import struct

import pytest
import torch
from torchvision.datasets import FashionMNIST

from convaula.lenet import dados
from convaula.lenet.dados import ARQUIVOS, DadosAusentes, carregar_fashion_mnist, gerar_sinteticos


@pytest.fixture(scope="module")
def pasta(tmp_path_factory):
    return gerar_sinteticos(tmp_path_factory.mktemp("fm"), n_treino=500, n_teste=100, semente=3)


def test_torchvision_le_o_substituto(pasta):
    bruta = pasta / "FashionMNIST" / "raw"
    assert sorted(p.name for p in bruta.iterdir()) == sorted(ARQUIVOS)
    treino = FashionMNIST(str(pasta), train=True, download=False)
    teste = FashionMNIST(str(pasta), train=False, download=False)
    assert treino.data.shape == (500, 28, 28) and treino.data.dtype == torch.uint8
    assert teste.data.shape == (100, 28, 28)
    assert sorted(treino.targets.unique().tolist()) == list(range(10))
    assert torch.bincount(treino.targets).tolist() == [50] * 10
    imagem, rotulo = treino[0]  # o caminho clássico, via PIL, também funciona
    assert imagem.size == (28, 28) and 0 <= rotulo <= 9


def test_cabecalho_idx(pasta):
    conteudo = (pasta / "FashionMNIST" / "raw" / "t10k-images-idx3-ubyte").read_bytes()
    assert struct.unpack(">BBBB3I", conteudo[:16]) == (0, 0, 8, 3, 100, 28, 28)
    assert len(conteudo) == 16 + 100 * 28 * 28
    rotulos = (pasta / "FashionMNIST" / "raw" / "t10k-labels-idx1-ubyte").read_bytes()
    assert struct.unpack(">BBBBI", rotulos[:8]) == (0, 0, 8, 1, 100) and len(rotulos) == 108


def test_mesma_semente_mesmos_bytes(tmp_path, pasta):
    outra = gerar_sinteticos(tmp_path, n_treino=500, n_teste=100, semente=3)
    nome = "train-images-idx3-ubyte"
    assert (outra / "FashionMNIST/raw" / nome).read_bytes() == (pasta / "FashionMNIST/raw" / nome).read_bytes()


def test_classes_variam_em_posicao_e_tamanho(pasta):
    imagens = FashionMNIST(str(pasta), train=True).data.float()
    massa = imagens.flatten(1).sum(1)
    linhas = torch.arange(28.0)
    centro_y = (imagens.sum(2) * linhas).sum(1) / massa
    assert centro_y.std() > 2  # a forma não fica sempre no mesmo lugar
    assert massa.std() / massa.mean() > 0.3  # nem sempre do mesmo tamanho


def test_carregar_tensores_normalizados(pasta):
    d = carregar_fashion_mnist(pasta, baixar=False)
    assert d.x_treino.shape == (500, 1, 32, 32) and d.x_teste.shape == (100, 1, 32, 32)
    assert d.y_treino.dtype == torch.int64 and d.sinteticos
    assert abs(d.x_treino.mean().item()) < 1e-4 and abs(d.x_treino.std().item() - 1) < 1e-3
    assert torch.all(d.x_treino[:, :, :2, :] == d.x_treino[0, 0, 0, 0])  # borda = fundo
    assert d.classes == dados.CLASSES_SINTETICAS and "sintéticos" in repr(d)


def test_sem_dados_e_sem_rede_mensagem_em_portugues(tmp_path, monkeypatch):
    from urllib.error import URLError

    import torchvision.datasets.mnist as mnist

    def sem_rede(*args, **kwargs):
        raise URLError("sem rede")
    monkeypatch.setattr(mnist, "download_and_extract_archive", sem_rede)
    with pytest.raises(DadosAusentes) as erro:
        carregar_fashion_mnist(tmp_path / "vazia", baixar=True)
    texto = str(erro.value)
    assert str(tmp_path / "vazia" / "FashionMNIST" / "raw") in texto
    assert all(nome in texto for nome in ARQUIVOS) and "CONVAULA_DADOS" in texto
    assert erro.value.__cause__ is None and erro.value.__suppress_context__
    # No Jupyter, o IPython mostra só o que _render_traceback_ devolve: a mensagem, sem pilha.
    assert erro.value._render_traceback_() == [f"DadosAusentes: {texto}"]


def test_sem_dados_sem_baixar(tmp_path):
    with pytest.raises(DadosAusentes, match="Coloque nessa pasta"):
        carregar_fashion_mnist(tmp_path, baixar=False)


def test_pasta_dados_argumento_variavel_e_padrao(tmp_path, monkeypatch):
    monkeypatch.setenv("CONVAULA_DADOS", str(tmp_path / "env"))
    assert dados.pasta_dados(tmp_path / "arg") == tmp_path / "arg"
    assert dados.pasta_dados() == tmp_path / "env"
    monkeypatch.delenv("CONVAULA_DADOS")
    assert dados.pasta_dados().parts[-3:] == (".cache", "convaula", "dados")


@pytest.mark.parametrize("kwargs, erro", [
    (dict(n_treino=5), ValueError), (dict(n_teste=2.5), TypeError), (dict(n_treino=True), TypeError)])
def test_quantidades_invalidas(tmp_path, kwargs, erro):
    with pytest.raises(erro, match=list(kwargs)[0]):
        gerar_sinteticos(tmp_path, **kwargs)


def test_padding_invalido(pasta):
    with pytest.raises(ValueError, match="padding=-1"):
        carregar_fashion_mnist(pasta, padding=-1)
