"""Laço de treino: aprende de verdade, retoma do checkpoint, é reproduzível e recusa erros."""

from __future__ import annotations

import pytest
import torch

from convaula.lenet import dados, modelos, treino
from convaula.lenet.treino import avaliar, escolher_dispositivo, lotes, treinar

CONFIG = dict(lr=0.05, momentum=0.9, dispositivo="cpu", barra=False)


@pytest.fixture(scope="module")
def sinteticos(tmp_path_factory):
    pasta = dados.gerar_sinteticos(tmp_path_factory.mktemp("fm"), n_treino=8000, n_teste=1000)
    return dados.carregar_sinteticos(pasta)


@pytest.fixture(scope="module")
def pequenos(sinteticos):
    return dados.DadosTensores(sinteticos.x_treino[:1000], sinteticos.y_treino[:1000],
                               sinteticos.x_teste[:200], sinteticos.y_teste[:200],
                               sinteticos.classes, True)


def _modelo(semente: int = 0):
    torch.manual_seed(semente)
    return modelos.LeNet5(ativacao="relu", pooling="max", batch_norm=True)


@pytest.mark.lento
def test_aprende_no_substituto_sintetico(sinteticos):
    historico = treinar(_modelo(), sinteticos, epocas=5, **CONFIG)
    assert len(historico) == 5 and [h["epoca"] for h in historico] == list(range(1, 6))
    assert historico[-1]["acc_teste"] >= 0.9
    assert historico[-1]["perda"] < historico[0]["perda"]
    assert all(h["segundos"] > 0 and h["imagens_s"] > 0 for h in historico)


@pytest.mark.lento
def test_laco_quebrado_nao_chega_perto(sinteticos):
    """O limiar de 0,9 separa: sem aprender (lr=0), a acurácia fica perto do acaso."""
    historico = treinar(_modelo(), sinteticos, epocas=1, lr=0.0, dispositivo="cpu", barra=False)
    assert historico[-1]["acc_teste"] < 0.3


@pytest.mark.lento
def test_semente_reproduz_o_treino(pequenos):
    a, b = _modelo(), _modelo()
    ha = treinar(a, pequenos, epocas=2, semente=5, **CONFIG)
    hb = treinar(b, pequenos, epocas=2, semente=5, **CONFIG)
    chaves = ("perda", "acc", "perda_teste", "acc_teste")
    assert [[h[c] for c in chaves] for h in ha] == [[h[c] for c in chaves] for h in hb]
    assert all(torch.equal(p, q) for p, q in zip(a.state_dict().values(), b.state_dict().values()))


@pytest.mark.lento
def test_retomar_do_checkpoint_da_os_mesmos_pesos(pequenos, tmp_path):
    direto = _modelo()
    h_direto = treinar(direto, pequenos, epocas=3, **CONFIG)
    arquivo = tmp_path / "ck.pt"
    treinar(_modelo(), pequenos, epocas=1, checkpoint=arquivo, **CONFIG)  # "interrompido"
    retomado = _modelo(semente=99)  # outro começo: tudo deve vir do checkpoint
    h_retomado = treinar(retomado, pequenos, epocas=3, checkpoint=arquivo, **CONFIG)
    assert all(torch.equal(p, q) for p, q in zip(direto.state_dict().values(),
                                                 retomado.state_dict().values()))
    assert [h["acc_teste"] for h in h_retomado] == [h["acc_teste"] for h in h_direto]
    estado = torch.load(arquivo, weights_only=True)
    assert len(estado["historico"]) == 3 and not (tmp_path / "ck.pt.tmp").exists()


def test_checkpoint_atomico_preserva_o_anterior(pequenos, tmp_path, monkeypatch):
    arquivo = tmp_path / "ck.pt"
    treinar(_modelo(), pequenos, epocas=1, checkpoint=arquivo, **CONFIG)
    antes = arquivo.read_bytes()

    def falha(objeto, caminho):
        open(caminho, "wb").write(b"metade")
        raise OSError("disco cheio")
    monkeypatch.setattr(treino.torch, "save", falha)
    with pytest.raises(OSError, match="disco cheio"):
        treinar(_modelo(), pequenos, epocas=2, checkpoint=arquivo, **CONFIG)
    assert arquivo.read_bytes() == antes


def test_lotes_cobrem_tudo_uma_vez():
    x, y = torch.arange(10.0).view(10, 1), torch.arange(10)
    gerador = torch.Generator().manual_seed(0)
    partes = list(lotes(x, y, 4, gerador=gerador))
    assert [len(xb) for xb, _ in partes] == [4, 4, 2]
    assert sorted(torch.cat([yb for _, yb in partes]).tolist()) == list(range(10))
    assert torch.cat([yb for _, yb in lotes(x, y, 3, embaralhar=False)]).tolist() == list(range(10))


def test_avaliar_divide_pela_quantidade_de_exemplos(pequenos):
    modelo = _modelo().train()
    perda, acc = avaliar(modelo, pequenos.x_teste, pequenos.y_teste, batch_size=64)
    with torch.no_grad():
        saida = modelo.eval()(pequenos.x_teste)
    esperado = torch.nn.functional.cross_entropy(saida, pequenos.y_teste).item()
    assert perda == pytest.approx(esperado, rel=1e-5)
    assert acc == pytest.approx((saida.argmax(1) == pequenos.y_teste).sum().item() / 200)
    modelo.train()
    avaliar(modelo, pequenos.x_teste, pequenos.y_teste)
    assert modelo.training


@pytest.mark.parametrize("batch_size, erro, texto", [
    (0, ValueError, "batch_size=0"), (-3, ValueError, "batch_size=-3"),
    (12.5, TypeError, "batch_size=12.5"), (True, TypeError, "batch_size=True")])
def test_batch_size_invalido(pequenos, batch_size, erro, texto):
    with pytest.raises(erro, match=texto):
        treinar(_modelo(), pequenos, epocas=1, batch_size=batch_size, **CONFIG)


@pytest.mark.parametrize("batch_size, erro", [(2.5, TypeError), (True, TypeError), (0, ValueError)])
def test_lotes_tipo_errado_e_type_error_fora_da_faixa_e_value_error(batch_size, erro):
    x, y = torch.zeros(4, 1), torch.zeros(4)
    with pytest.raises(erro, match=f"batch_size={batch_size!r}"):
        next(lotes(x, y, batch_size))


@pytest.mark.parametrize("epocas, erro", [(2.5, TypeError), (True, TypeError), (0, ValueError)])
def test_epocas_tipo_errado_e_type_error_fora_da_faixa_e_value_error(pequenos, epocas, erro):
    with pytest.raises(erro, match=f"epocas={epocas!r}"):
        treinar(_modelo(), pequenos, epocas=epocas, **CONFIG)


@pytest.mark.parametrize("nome", ["gpu", "tpu", "cuda:x"])
def test_dispositivo_desconhecido(nome):
    with pytest.raises(ValueError, match=f"dispositivo={nome!r}"):
        escolher_dispositivo(nome)


def test_dispositivo_auto_e_ausente():
    assert escolher_dispositivo("cpu") == torch.device("cpu")
    assert escolher_dispositivo().type == ("cuda" if torch.cuda.is_available() else "cpu")
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="não está disponível"):
            escolher_dispositivo("cuda")
    with pytest.raises(TypeError, match="dispositivo=3"):
        escolher_dispositivo(3)


def test_grafo_cuda_exige_cuda():
    modelo = _modelo()
    otimizador = torch.optim.SGD(modelo.parameters(), lr=0.1)
    with pytest.raises(ValueError, match="grafo_cuda=True"):
        treino.criar_passo(modelo, otimizador, grafo_cuda=True)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="precisa de uma GPU CUDA")
def test_grafo_cuda_da_os_mesmos_passos_que_o_comum(sinteticos):
    """Mesmos lotes, mesmos pesos iniciais: o grafo (aquecimento desfeito) repete o passo comum."""
    x, y = sinteticos.x_treino[:128 * 3 + 40].cuda(), sinteticos.y_treino[:128 * 3 + 40].cuda()
    perdas, pesos = [], []
    for grafo in (False, True):
        modelo = _modelo().cuda()
        otimizador = torch.optim.SGD(modelo.parameters(), lr=0.05, momentum=0.9, weight_decay=1e-6)
        passo = treino.criar_passo(modelo, otimizador, grafo_cuda=grafo)
        perdas.append(torch.tensor([passo(x[i:i + 128], y[i:i + 128])[0].item()
                                    for i in range(0, len(x), 128)]))  # o último lote roda sem grafo
        pesos.append(torch.cat([p.detach().float().flatten() for p in modelo.state_dict().values()]))
    assert len(perdas[1]) == 4 and len(set(perdas[1].tolist())) == 4  # lotes novos a cada replay
    # 1º passo igual: os 3 passos de aquecimento do grafo foram desfeitos; depois, só a ordem
    # das somas no cuDNN muda os últimos dígitos (~1e-5 relativo)
    assert torch.allclose(perdas[0][:1], perdas[1][:1], rtol=1e-6)
    assert torch.allclose(perdas[0], perdas[1], rtol=1e-4)
    assert torch.allclose(pesos[0], pesos[1], atol=2e-3)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="precisa de uma GPU CUDA")
def test_grafo_cuda_aprende(sinteticos):
    historico = treinar(_modelo(), sinteticos, epocas=6, lr=0.05, momentum=0.9,
                        dispositivo="cuda", barra=False)  # no CUDA, grafo_cuda=None liga o grafo
    assert historico[-1]["acc_teste"] >= 0.9


def test_validacao_separada_e_avaliada_a_cada_epoca(pequenos):
    com_val = dados.separar_validacao(pequenos, 100, semente=1)
    assert len(com_val.x_treino) == 900 and len(com_val.x_validacao) == 100
    assert torch.equal(com_val.x_teste, pequenos.x_teste)
    # treino e validação são partes disjuntas do treino original
    juntos = torch.cat([com_val.x_treino, com_val.x_validacao]).flatten(1)
    assert torch.equal(juntos.sort(0).values, pequenos.x_treino.flatten(1).sort(0).values)
    historico = treinar(_modelo(), com_val, epocas=1, **CONFIG)
    assert "acc_validacao" in historico[0] and "acc_teste" not in historico[0]
    modelo = _modelo()
    treinar(modelo, com_val, epocas=1, **CONFIG)
    assert historico[0]["acc_validacao"] == avaliar(modelo, com_val.x_validacao, com_val.y_validacao)[1]
    assert "validação (100, 1, 32, 32)" in repr(com_val)


@pytest.mark.parametrize("n, erro, texto", [
    (0, ValueError, r"n_validacao deve estar entre 1 e 999 \(o treino tem 1000 imagens\)"),
    (1000, ValueError, r"n_validacao deve estar entre 1 e 999 \(o treino tem 1000 imagens\)"),
    (2.5, TypeError, "n_validacao deve ser um inteiro, mas recebeu n_validacao=2.5"),
    (True, TypeError, "n_validacao deve ser um inteiro, mas recebeu n_validacao=True")])
def test_validacao_invalida(pequenos, n, erro, texto):
    with pytest.raises(erro, match=texto):
        dados.separar_validacao(pequenos, n)
