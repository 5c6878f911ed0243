"""O comando corrigir: em branco dá zero, as soluções dão tudo certo, laço e JSON quebrado."""

import time
from pathlib import Path

import nbformat
import pytest

from convaula.exercicios import perguntas
from convaula.exercicios.corrigir import _linhas, corrigir, corrigir_notebook
from convaula.exercicios.registro import modulos

RAIZ = Path(__file__).resolve().parents[3]
COM_PERGUNTAS = [m[2:] for m in modulos() if perguntas(m[2:])]

pytestmark = pytest.mark.lento


def _notebook(numero: str, solucao: bool) -> Path:
    pasta = RAIZ / "notebooks" / ("solucoes" if solucao else "")
    padrao = f"{numero}_*_solucoes.ipynb" if solucao else f"{numero}_*.ipynb"
    achados = sorted(pasta.glob(padrao))
    assert len(achados) == 1, (pasta, padrao, achados)
    return achados[0]


def _celulas(*fontes: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(f) for f in fontes]
    return nb


@pytest.mark.parametrize("numero", COM_PERGUNTAS)
def test_notebook_em_branco_tem_zero_corretas(numero):
    caminho = _notebook(numero, solucao=False)
    antes = caminho.read_bytes()
    entrega = corrigir_notebook(caminho, tempo=120)
    assert entrega.estado == "executado", entrega.detalhe
    linhas = _linhas(entrega)
    assert [l["situacao"] for l in linhas] == ["sem_resposta"] * len(perguntas(numero))
    assert sum(l["correta"] for l in linhas) == 0
    assert caminho.read_bytes() == antes


@pytest.mark.parametrize("numero", COM_PERGUNTAS)
def test_solucoes_tem_tudo_correto(numero):
    entrega = corrigir_notebook(_notebook(numero, solucao=True), tempo=120)
    assert entrega.estado == "executado", entrega.detalhe
    assert [l["situacao"] for l in _linhas(entrega)] == ["correta"] * len(perguntas(numero))


def test_laco_infinito_estoura_o_tempo_e_a_correcao_segue(tmp_path):
    laco = tmp_path / "03_laco.ipynb"
    nbformat.write(_celulas("from convaula.exercicios import nb03\nnb03.q1(4)",
                            "while True:\n    pass", "nb03.q4(7)"), laco)
    quebrado = tmp_path / "03_quebrado.ipynb"
    quebrado.write_text(laco.read_text()[:100])
    inicio = time.monotonic()
    entregas = corrigir([laco, quebrado], saida=tmp_path / "relatorio", tempo=10)
    assert time.monotonic() - inicio < 10 + 20  # o limite, mais a partida do kernel
    assert [e.estado for e in entregas] == ["tempo_esgotado", "json_invalido"]
    situacoes = {l["pergunta"]: l["situacao"] for l in _linhas(entregas[0])}
    assert situacoes["q1"] == "correta" and situacoes["q4"] == "ausente"
    csv = (tmp_path / "relatorio" / "correcao.csv").read_text(encoding="utf-8").splitlines()
    assert csv[0] == "aluno,notebook,estado,pergunta,respondida,correta,situacao,equivoco"
    assert "03_laco,03,tempo_esgotado,q1,True,True,correta," in csv
    md = (tmp_path / "relatorio" / "correcao.md").read_text(encoding="utf-8")
    assert "**json_invalido**" in md and "**tempo_esgotado**" in md


def test_erro_numa_celula_nao_para_o_notebook(tmp_path):
    caminho = tmp_path / "03_erro.ipynb"
    nbformat.write(_celulas("from convaula.exercicios import nb03", "1 / 0",
                            "nb03.q3((1, 1))\nnb03.q4('sete')"), caminho)
    entrega = corrigir_notebook(caminho, tempo=60)
    assert entrega.estado == "com_erros" and "ZeroDivisionError" in entrega.detalhe
    assert entrega.respostas["q3"]["equivoco"] == "sem_mais_um"
    assert entrega.respostas["q4"]["situacao"] == "invalida"
