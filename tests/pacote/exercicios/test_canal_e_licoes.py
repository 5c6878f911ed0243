"""O canal de valores (JSON validado) e a restauração das células de conferência."""

import json
import math

import nbformat
import numpy as np
import pytest
import torch

from convaula.exercicios import licoes, nb03
from convaula.exercicios.corrigir import _ler, _valores
from convaula.exercicios.valores import CanalInvalido, FuncaoDoAluno, Opaco, codificar, decodificar

LICAO_03 = licoes.RAIZ / "notebooks" / "03_padding_stride_dilatacao.ipynb"


def _ida_e_volta(valor):
    return decodificar(json.loads(json.dumps(codificar(valor))))


def test_valores_atravessam_o_canal():
    assert _ida_e_volta(...) is ...
    assert _ida_e_volta(10**400) == 10**400
    assert math.isnan(_ida_e_volta(float("nan")))
    assert _ida_e_volta((1, [2.5, "não"], None, True)) == (1, [2.5, "não"], None, True)
    t = torch.arange(6.0).reshape(1, 2, 3)
    volta = _ida_e_volta(t)
    assert torch.equal(volta, t) and volta.dtype == t.dtype
    assert _ida_e_volta(torch.Size([1, 18, 9])) == torch.Size([1, 18, 9])
    assert np.array_equal(_ida_e_volta(np.array([[1, 2]])), np.array([[1, 2]]))
    assert isinstance(_ida_e_volta(object()), Opaco)

    def minha(x):
        return x + 1

    f = _ida_e_volta(minha)
    assert isinstance(f, FuncaoDoAluno) and not callable(f) and "return x + 1" in f.fonte


@pytest.mark.parametrize("ruim", [
    None, [], {"t": "veredito", "correta": True}, {"t": "int", "v": "4; import os"},
    {"t": "tensor", "dtype": "float32", "forma": [2], "v": [1.0]},
    {"t": "tensor", "dtype": "object", "forma": [1], "v": [1]},
    {"t": "str", "v": 3}, {"t": "list", "v": {"a": 1}}, {"t": "funcao", "nome": "os.system('x')",
                                                        "fonte": "", "vazia": False}])
def test_canal_recusa_o_que_foge_do_formato(ruim):
    with pytest.raises(CanalInvalido):
        decodificar(ruim)


def test_registros_de_veredito_sao_ignorados():
    forjado = {"notebook": "03", "pergunta": "q1", "respondida": True, "correta": True,
               "situacao": "correta", "equivoco": None}
    valores, ruins = _valores([forjado, {"pergunta": "q1", "valor": codificar(4)}, "lixo",
                               {"notebook": "03", "pergunta": "q99", "valor": codificar(4)},
                               {"notebook": "03", "pergunta": "q3", "valor": codificar((1, 2))}], "03")
    assert valores == {"q3": (1, 2)} and ruins == 4


def test_licao_vem_dos_ids_nunca_do_nome(tmp_path):
    nb = nbformat.read(LICAO_03, as_version=4)
    celulas = licoes.celulas_de_codigo(nb)
    assert licoes.identificar(celulas).numero == "03"
    assert licoes.identificar(celulas, "01") is None  # o professor disse 01: não bate
    sem_ids = [(None, t, f) for _, t, f in celulas]
    assert licoes.identificar(sem_ids) is None


def test_celulas_de_conferencia_restauradas():
    nb = nbformat.read(LICAO_03, as_version=4)
    celulas = licoes.celulas_de_codigo(nb)
    licao = licoes.identificar(celulas)
    alvo = next(i for i, (id_, _, _) in enumerate(celulas) if id_ in licao.conferencia
                and "nb03.q1(" in celulas[i][2])
    id_ = celulas[alvo][0]
    # o aluno troca a chamada por outra pergunta e acrescenta um "veredito"
    celulas[alvo] = (id_, "code", "tamanho = 4\nvalores = [1]\nnb03.ex5(tamanho)\nprint('✓ correto!')")
    preparo = licoes.preparar(celulas, licao, "03")
    fonte = next(f for f in preparo.celulas if "tamanho = 4" in f)
    assert "__convaula__('03', 'q1', lambda: (tamanho))" in fonte
    assert "__convaula__('03', 'q2', lambda: (valores))" in fonte
    assert "nb03.ex5(" not in fonte
    # célula de conferência apagada: volta a da lição, sem resposta
    sem = [c for c in celulas if c[0] != id_]
    fontes = licoes.preparar(sem, licao, "03").celulas
    assert any("__convaula__('03', 'q1', lambda: (...))" in f for f in fontes)


def test_leitura_da_referencia_e_detectada():
    nb = nbformat.read(LICAO_03, as_version=4)
    celulas = licoes.celulas_de_codigo(nb)
    licao = licoes.identificar(celulas)
    i = next(i for i, (id_, _, f) in enumerate(celulas) if "nb03.q1(" in f)
    celulas[i] = (celulas[i][0], "code", "tamanho = nb03.q1.resposta\nvalores = ...\nnb03.q1(tamanho)")
    assert "q1" in licoes.preparar(celulas, licao, "03").suspeitas


@pytest.mark.parametrize("conteudo,estado", [
    (b"{\"cells\": [", "json_invalido"), (b"\xff\xfe", "json_invalido"), (b"[]", "notebook_invalido"),
    (json.dumps({"cells": [{"cell_type": "code", "source": 42}]}).encode(), "notebook_invalido"),
    (json.dumps({"cells": [{"cell_type": "code", "source": ["a", 1]}]}).encode(), "notebook_invalido"),
    (b"[" * 100000 + b"]" * 100000, "notebook_invalido")])
def test_entregas_malformadas(tmp_path, conteudo, estado):
    caminho = tmp_path / "03_x.ipynb"
    caminho.write_bytes(conteudo)
    assert _ler(caminho)[1] in (estado, "json_invalido")
    pasta = tmp_path / "y.ipynb"
    pasta.mkdir()
    assert _ler(pasta)[1] == "nao_e_arquivo"


def test_api_dos_notebooks_continua(capsys):
    nb03.q1(...)
    nb03.q1(nb03.q1.resposta)
    nb03.q1.dica()
    nb03.q1.solucao()
    saida = capsys.readouterr().out
    assert "✓ nb03.q1: correto!" in saida and "Dica (nb03.q1)" in saida
