"""Todas as perguntas de todos os bancos (nb01 a nb08): referência, equívocos, erros, tipos.

Os testes percorrem ``convaula.exercicios.perguntas()``, então um banco novo é coberto sem
mudar nada aqui.
"""

import importlib
import random
import re
import zlib

import pytest
import torch

from convaula.exercicios import perguntas
from convaula.exercicios.registro import modulos

TODAS = perguntas()
IDS = [q.nome for q in TODAS]
RUINS = ["7", "", "abc", True, 3.5, (1, 2, 3, 4, 5), [1], {"a": 1}, object(), lambda: 0,
         float("nan"), torch.tensor([1.0, 2.0]), b"x", 10**30, -1, print, int]


def _gerador(q) -> random.Random:
    return random.Random(zlib.crc32(q.nome.encode()))


def _uma_linha(texto: str) -> str:
    return " ".join(texto.split())


def test_ha_perguntas_e_ids_batem_com_os_modulos():
    assert modulos() == [f"nb0{i}" for i in range(1, 10)]
    assert len(TODAS) >= 9
    assert len(set(IDS)) == len(IDS)
    for q in TODAS:
        modulo = importlib.import_module(f"convaula.exercicios.nb{q.notebook}")
        assert getattr(modulo, q.id) is q, f"{q.nome}: o atributo deve se chamar {q.id}"
        assert re.fullmatch(r"(q|ex)\d+", q.id), q.id


@pytest.mark.parametrize("q", TODAS, ids=IDS)
def test_referencia_aceita(q):
    resultado = q.conferir(q.resposta)
    assert resultado.correta, resultado.mensagem
    assert resultado.mensagem == f"✓ {q.nome}: correto!"


@pytest.mark.parametrize("q", TODAS, ids=IDS)
def test_cada_equivoco_dispara_a_propria_mensagem(q):
    for eq in q.equivocos:
        resultado = q.conferir(eq.valor)
        assert resultado.situacao == "equivoco", (eq.codigo, resultado.mensagem)
        assert resultado.equivoco == eq.codigo, (eq.codigo, resultado.mensagem)
        assert _uma_linha(eq.diagnostico) in _uma_linha(resultado.mensagem)


@pytest.mark.parametrize("q", TODAS, ids=IDS)
def test_respostas_erradas_aleatorias_sao_recusadas(q):
    candidatas = q.tipo.erradas(q.resposta, _gerador(q), 60)
    if q._aceitar is not None:  # perguntas de projeto: só as que o predicado recusa
        candidatas = [c for c in candidatas if not q._aceitar(q.tipo.normalizar(c))]
    assert len(candidatas) >= 20
    for errada in candidatas:
        resultado = q.conferir(errada)
        assert resultado.situacao in ("equivoco", "errada"), resultado.mensagem
        assert resultado.mensagem.startswith(f"✗ {q.nome}: ainda não.")


@pytest.mark.parametrize("q", TODAS, ids=IDS)
def test_tipos_errados_nao_levantam(q, capsys):
    for ruim in RUINS:
        resultado = q.conferir(ruim)
        assert not resultado.correta
        assert resultado.situacao in ("invalida", "errada", "equivoco"), resultado.mensagem
        assert "Traceback" not in resultado.mensagem
        assert not re.search(r"0x[0-9a-fA-F]{6,}", resultado.mensagem), resultado.mensagem
        q(ruim)
    assert capsys.readouterr().out.count(q.nome) == len(RUINS)


@pytest.mark.parametrize("q", TODAS, ids=IDS)
def test_sem_resposta_imprime_a_linha_estavel(q, capsys):
    q(...)
    q(None)
    linha = (f"… {q.nome}: ainda sem resposta; troque o ... pela resposta e rode a célula "
             f"(pista: {q.nome}.dica()).")
    assert capsys.readouterr().out == f"{linha}\n{linha}\n"
    assert len(linha) <= 100  # uma linha só, também no notebook


@pytest.mark.parametrize("q", TODAS, ids=IDS)
def test_dica_e_solucao_sao_deterministicas(q, capsys):
    q.dica()
    q.solucao()
    primeira = capsys.readouterr().out
    q.dica()
    q.solucao()
    assert capsys.readouterr().out == primeira
    assert primeira.startswith(f"Dica ({q.nome}): ") and f"Solução ({q.nome}): " in primeira
    assert "Resposta: " in primeira and not re.search(r"0x[0-9a-fA-F]{6,}", primeira)


@pytest.mark.parametrize("q", TODAS, ids=IDS)
def test_conferir_no_notebook_nao_grava_nada(q, tmp_path, monkeypatch, capsys):
    """O veredito só é impresso: nenhuma variável de ambiente faz o notebook gravar arquivo."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CONVAULA_" + "CORRECAO", str(tmp_path / "correcao.jsonl"))
    errada = q.tipo.erradas(q.resposta, _gerador(q), 1)[0]
    for resposta in (..., q.resposta, "texto", errada):
        q(resposta)
    assert list(tmp_path.iterdir()) == []
    assert capsys.readouterr().out.count(q.nome) >= 4


@pytest.mark.parametrize("q", TODAS, ids=IDS)
def test_nada_escapa_da_conferencia(q):
    """Números enormes, arranjos do numpy e objetos estranhos viram "invalida" ou "errada"."""
    import numpy as np

    class Explode:
        def __len__(self):
            raise SystemExit(1)

        def __float__(self):
            raise KeyboardInterrupt

    for ruim in (10**400, -(10**400), np.array([[1.5]]), np.float64("nan"), Explode(), [10**400],
                 (10**400, 1), torch.tensor(float("inf")), "\u0301" * 3):
        resultado = q.conferir(ruim)
        assert resultado.situacao in ("invalida", "errada", "equivoco"), resultado.mensagem
