"""Fashion-MNIST real (achado sozinho, conferido pelo SHA-256), substituto sintético explícito e
dados ausentes."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import struct
import time

import pytest
import torch
from torchvision.datasets import FashionMNIST

from convaula.lenet import dados
from convaula.lenet.dados import (ARQUIVOS, DadosAusentes, DadosCorrompidos, carregar_fashion_mnist,
                                  carregar_sinteticos, gerar_sinteticos)


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


def test_carregar_sinteticos_de_proposito(pasta):
    d = carregar_sinteticos(pasta)
    assert d.x_treino.shape == (500, 1, 32, 32) and d.x_teste.shape == (100, 1, 32, 32)
    assert d.y_treino.dtype == torch.int64 and d.sinteticos and not d.reais
    assert abs(d.x_treino.mean().item()) < 1e-4 and abs(d.x_treino.std().item() - 1) < 1e-3
    assert torch.all(d.x_treino[:, :, :2, :] == d.x_treino[0, 0, 0, 0])  # borda = fundo
    assert d.classes == dados.CLASSES_SINTETICAS and "sintéticos" in repr(d)
    # a mesma normalização que o torchvision + F.pad dariam, em float64
    bruto = FashionMNIST(str(pasta), train=True).data.double() / 255
    bruto = torch.nn.functional.pad(bruto, (2, 2, 2, 2))
    assert d.media == pytest.approx(bruto.mean().item(), abs=1e-12)
    assert d.desvio == pytest.approx(bruto.std().item(), abs=1e-12)
    esperado = ((bruto - bruto.mean()) / bruto.std()).unsqueeze(1).float()
    assert torch.allclose(d.x_treino, esperado, atol=1e-5)


def test_sintetico_nunca_e_carregado_como_real(pasta, monkeypatch, tmp_path):
    _sem_outros_lugares(monkeypatch, tmp_path)
    with pytest.raises(DadosCorrompidos, match="carregar_sinteticos"):
        carregar_fashion_mnist(pasta, baixar=False)


def test_gerar_sinteticos_exige_pasta():
    with pytest.raises(TypeError, match="root"):
        gerar_sinteticos(None)


def test_sinteticos_ausentes(tmp_path):
    with pytest.raises(DadosAusentes, match="gerar_sinteticos"):
        carregar_sinteticos(tmp_path)


def _sem_outros_lugares(monkeypatch, tmp_path, sistema=None):
    """Casa vazia, sem CONVAULA_DADOS, a cópia do sistema onde o teste quiser, e sem rede."""
    monkeypatch.setenv("HOME", str(tmp_path / "casa"))
    monkeypatch.delenv("CONVAULA_DADOS", raising=False)
    monkeypatch.setattr(dados, "PASTA_SISTEMA", sistema or tmp_path / "sem-sistema")
    tentativas = []

    def sem_rede(pasta):
        tentativas.append(pasta)
        return "URLError: sem rede"
    monkeypatch.setattr(dados, "_baixar", sem_rede)
    return tentativas


def test_sem_dados_e_sem_rede_mensagem_em_portugues(tmp_path, monkeypatch):
    tentativas = _sem_outros_lugares(monkeypatch, tmp_path)
    with pytest.raises(DadosAusentes) as erro:
        carregar_fashion_mnist(tmp_path / "vazia", baixar=True)
    assert tentativas == [tmp_path / "vazia"]  # baixa para o primeiro lugar da ordem
    texto = str(erro.value)
    for lugar in (tmp_path / "vazia", tmp_path / "casa" / ".cache" / "convaula" / "dados",
                  tmp_path / "sem-sistema"):
        assert str(lugar) in texto
    assert all(nome in texto for nome in ARQUIVOS) and "CONVAULA_DADOS" in texto
    assert "sudo apt install dataset-fashion-mnist" in texto and "sem rede" in texto
    assert "Três jeitos" in texto
    assert erro.value.__cause__ is None
    # No Jupyter, o IPython mostra só o que _render_traceback_ devolve: a mensagem, sem pilha.
    assert erro.value._render_traceback_() == [f"DadosAusentes: {texto}"]


def test_download_de_verdade_falha_sem_rede(tmp_path, monkeypatch):
    """O caminho do torchvision, com a rede cortada: o erro vira texto, não exceção solta."""
    from urllib.error import URLError

    import torchvision.datasets.mnist as mnist

    def sem_rede(*args, **kwargs):
        raise URLError("sem rede")
    monkeypatch.setattr(mnist, "download_and_extract_archive", sem_rede)
    assert "sem rede" in dados._baixar(tmp_path)


def test_sem_dados_sem_baixar(tmp_path, monkeypatch):
    tentativas = _sem_outros_lugares(monkeypatch, tmp_path)
    with pytest.raises(DadosAusentes, match="baixar=False"):
        carregar_fashion_mnist(tmp_path, baixar=False)
    assert tentativas == []


# ---------------------------------------------------------------------------
# Os dados reais. No CI (CONVAULA_CI=1) a cópia do sistema é obrigatória: falta dela é falha,
# não teste pulado (o .ci/run instala o pacote dataset-fashion-mnist).
# ---------------------------------------------------------------------------

def _exigir_copia_do_sistema():
    if not all((dados.PASTA_SISTEMA / f"{nome}.gz").is_file() for nome in ARQUIVOS):
        mensagem = (f"sem a cópia do sistema em {dados.PASTA_SISTEMA} "
                    f"(sudo apt install dataset-fashion-mnist)")
        if os.environ.get("CONVAULA_CI") == "1":
            pytest.fail(mensagem)
        pytest.skip(mensagem)


@pytest.fixture
def sistema():
    _exigir_copia_do_sistema()
    return dados.PASTA_SISTEMA


def test_acha_a_copia_do_sistema_sem_cache_e_sem_rede(sistema, tmp_path, monkeypatch):
    tentativas = _sem_outros_lugares(monkeypatch, tmp_path, sistema=sistema)
    d = carregar_fashion_mnist()
    assert tentativas == [] and d.reais and not d.sinteticos and d.origem == str(sistema)
    assert d.x_treino.shape == (60_000, 1, 32, 32) and d.x_teste.shape == (10_000, 1, 32, 32)
    assert d.y_treino[:10].tolist() == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5]
    assert torch.bincount(d.y_treino).tolist() == [6000] * 10
    assert torch.bincount(d.y_teste).tolist() == [1000] * 10
    assert d.classes == dados.CLASSES and "conferidos" in repr(d)
    # o oráculo: os mesmos bytes lidos pelo torchvision, normalizados à mão em float64
    with gzip.open(sistema / "t10k-images-idx3-ubyte.gz") as arquivo:
        bruto = torch.frombuffer(bytearray(arquivo.read()[16:]), dtype=torch.uint8)
    bruto = torch.nn.functional.pad(bruto.reshape(10_000, 28, 28).double() / 255, (2, 2, 2, 2))
    esperado = ((bruto - d.media) / d.desvio).unsqueeze(1).float()
    assert torch.allclose(d.x_teste, esperado, atol=1e-5)
    assert d.media == pytest.approx(0.2190, abs=1e-4) and d.desvio == pytest.approx(0.3318, abs=1e-4)


def test_ordem_root_variavel_cache_sistema(sistema, tmp_path, monkeypatch):
    _sem_outros_lugares(monkeypatch, tmp_path, sistema=sistema)
    cache = tmp_path / "casa" / ".cache" / "convaula" / "dados" / "FashionMNIST" / "raw"
    cache.mkdir(parents=True)
    for nome in ARQUIVOS:  # o cache no formato do torchvision, descompactado
        with gzip.open(sistema / f"{nome}.gz") as arquivo:
            (cache / nome).write_bytes(arquivo.read())
    assert dados.localizar_fashion_mnist()[ARQUIVOS[0]] == cache / ARQUIVOS[0]
    variavel = tmp_path / "variavel"
    variavel.mkdir()
    for nome in ARQUIVOS:  # solta na pasta, em .gz
        shutil.copy(sistema / f"{nome}.gz", variavel)
    monkeypatch.setenv("CONVAULA_DADOS", str(variavel))
    assert dados.localizar_fashion_mnist()[ARQUIVOS[0]] == variavel / f"{ARQUIVOS[0]}.gz"
    assert dados.localizar_fashion_mnist(cache.parent.parent)[ARQUIVOS[0]] == cache / ARQUIVOS[0]
    assert carregar_fashion_mnist(cache.parent.parent).origem == str(cache)


@pytest.mark.parametrize("estrago", ["um byte trocado", "cortado", "gzip quebrado"])
def test_arquivo_corrompido_da_erro_em_portugues_com_o_nome(sistema, tmp_path, monkeypatch, estrago):
    _sem_outros_lugares(monkeypatch, tmp_path, sistema=sistema)
    pasta = tmp_path / "copia"
    pasta.mkdir()
    for nome in ARQUIVOS:
        shutil.copy(sistema / f"{nome}.gz", pasta)
    alvo = pasta / "train-labels-idx1-ubyte.gz"
    with gzip.open(alvo) as arquivo:
        conteudo = bytearray(arquivo.read())
    if estrago == "gzip quebrado":
        alvo.write_bytes(alvo.read_bytes()[:100])
    else:
        if estrago == "um byte trocado":
            conteudo[8] = (conteudo[8] + 1) % 10  # um rótulo a mais, formato IDX intacto
        else:
            conteudo = conteudo[:-1]
        alvo.unlink()
        (pasta / "train-labels-idx1-ubyte").write_bytes(bytes(conteudo))
    with pytest.raises(DadosCorrompidos) as erro:
        carregar_fashion_mnist(pasta, baixar=False)
    texto = str(erro.value)
    assert "train-labels-idx1-ubyte" in texto and str(pasta) in texto
    assert ("não é o train-labels-idx1-ubyte original" in texto) or ("corrompido" in texto)
    assert isinstance(erro.value, DadosAusentes)  # quem trata ``DadosAusentes`` trata este também


def test_checksums_fixados_sao_os_da_copia_do_sistema(sistema):
    """Os SHA-256 fixados no módulo conferem com os arquivos descompactados do Debian."""
    for nome in ARQUIVOS:
        with gzip.open(sistema / f"{nome}.gz") as arquivo:
            assert hashlib.sha256(arquivo.read()).hexdigest() == dados.SHA256[nome], nome


def test_tempo_de_carga(sistema, tmp_path, monkeypatch):
    """Mede a carga completa (sem cache de checksum). A meta é bem menos de 1 s numa máquina
    ociosa; a máquina de testes pode estar ocupada, então o teste só reporta o tempo e falha
    apenas se passar de 10 s (o caminho do torchvision levava ~5 s ocioso)."""
    _sem_outros_lugares(monkeypatch, tmp_path, sistema=sistema)
    dados._CONFERIDOS.clear()
    inicio, cpu = time.perf_counter(), time.process_time()
    carregar_fashion_mnist()
    parede, processador = time.perf_counter() - inicio, time.process_time() - cpu
    print(f"carga do Fashion-MNIST: {parede:.2f} s de relógio, {processador:.2f} s de CPU")
    assert parede < 10


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


def test_quantidade_pequena_diz_por_que(tmp_path):
    with pytest.raises(ValueError, match=r"n_treino deve ser >= 10 \(uma imagem por classe\)"):
        gerar_sinteticos(tmp_path, n_treino=5)


def test_padding_invalido(pasta):
    with pytest.raises(ValueError, match="padding=-1"):
        carregar_fashion_mnist(pasta, padding=-1)
    with pytest.raises(ValueError, match="padding=-1"):
        carregar_sinteticos(pasta, padding=-1)


@pytest.mark.parametrize("carregar", [carregar_fashion_mnist, carregar_sinteticos])
@pytest.mark.parametrize("padding, erro", [(2.5, TypeError), (True, TypeError), (-1, ValueError)])
def test_padding_tipo_errado_e_type_error_fora_da_faixa_e_value_error(pasta, carregar, padding, erro):
    with pytest.raises(erro, match=f"padding={padding!r}"):
        carregar(pasta, padding=padding)


def test_primeiras_corta_so_o_treino(pasta):
    d = carregar_sinteticos(pasta)
    menor = dados.primeiras(d, 120)
    assert menor.x_treino.shape == (120, 1, 32, 32) and torch.equal(menor.y_treino, d.y_treino[:120])
    assert menor.x_teste is d.x_teste and menor.media == d.media
    with pytest.raises(ValueError, match="n_treino"):
        dados.primeiras(d, 501)


@pytest.mark.parametrize("n_treino, erro, texto", [
    (2.5, TypeError, "n_treino deve ser um inteiro"), (True, TypeError, "n_treino deve ser um inteiro"),
    (0, ValueError, "n_treino deve estar entre 1 e 500"), (501, ValueError, "n_treino deve estar entre 1 e 500")])
def test_primeiras_tipo_errado_e_type_error_fora_da_faixa_e_value_error(pasta, n_treino, erro, texto):
    with pytest.raises(erro, match=texto):
        dados.primeiras(carregar_sinteticos(pasta), n_treino)


@pytest.mark.parametrize("caminho", ["notebooks/08_lenet5_fashion_mnist.ipynb",
                                     "notebooks/solucoes/08_lenet5_fashion_mnist_solucoes.ipynb"])
def test_notebook_08_so_roda_nos_dados_reais(caminho):
    """O notebook 08 e as soluções carregam o Fashion-MNIST conferido e param se não for ele;
    nenhuma saída gravada fala de dados sintéticos."""
    import json
    from pathlib import Path

    celulas = json.loads((Path(__file__).resolve().parents[3] / caminho).read_text(encoding="utf-8"))["cells"]
    codigo = "\n".join("".join(c["source"]) for c in celulas if c["cell_type"] == "code")
    assert "dados.carregar_fashion_mnist(" in codigo and ".reais" in codigo
    assert "assert completo.reais" in codigo
    assert "gerar_sinteticos" not in codigo and "carregar_sinteticos" not in codigo
    saidas = json.dumps([c.get("outputs", []) for c in celulas if c["cell_type"] == "code"], ensure_ascii=False)
    assert "sintétic" not in saidas.lower()
