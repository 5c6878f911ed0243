"""O comando corrigir diante de uma turma travessa: nenhum veredito forjado, nada alterado.

Uma turma montada com as células de conferência da lição 03 (os mesmos ids) e uma célula
de sabotagem por aluno, corrigida de uma vez, em paralelo, numa caixa de areia por notebook.
Cada caso do relato do professor vira uma entrega; o teste confere o estado relatado, que
nenhuma pergunta ficou "correta" sem resposta, que os arquivos da turma, da HOME e do curso
estão intactos (por hash) e que nenhum processo de aluno sobreviveu. Mais: a lição em branco
dá zero e a solução dá tudo certo (em todos os notebooks com perguntas), a lição é
reconhecida pelos ids mesmo com o arquivo renomeado, e uma função do aluno é conferida num
processo novo.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import nbformat
import pytest

from convaula.exercicios import nb03, perguntas
from convaula.exercicios.caixa import cache_de_bytecode, escolher
from convaula.exercicios.corrigir import _linhas, corrigir, corrigir_notebook
from convaula.exercicios.registro import modulos

RAIZ = Path(__file__).resolve().parents[3]
LICAO_03 = RAIZ / "notebooks" / "03_padding_stride_dilatacao.ipynb"
COM_PERGUNTAS = [m[2:] for m in modulos() if perguntas(m[2:])]
IDS_03 = [q.id for q in perguntas("03")]
TEM_BWRAP = escolher().tipo == "bubblewrap"
SEGREDO = "SEGREDO-DO-PROFESSOR-7731"

pytestmark = pytest.mark.lento


def _notebook(numero: str, solucao: bool) -> Path:
    pasta = RAIZ / "notebooks" / ("solucoes" if solucao else "")
    padrao = f"{numero}_*_solucoes.ipynb" if solucao else f"{numero}_*.ipynb"
    achados = sorted(pasta.glob(padrao))
    assert len(achados) == 1, (pasta, padrao, achados)
    return achados[0]


def _literal(valor) -> str:
    if hasattr(valor, "tolist"):
        return repr(valor.tolist())
    return repr(valor)


RESPOSTAS_03 = {q.id: _literal(q.resposta) for q in perguntas("03")}


def _entrega(antes: tuple[str, ...] = (), depois: tuple[str, ...] = (),
             respostas: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """As células de conferência da lição 03 (mesmos ids), com respostas e células extras."""
    licao = nbformat.read(LICAO_03, as_version=4)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(f) for f in antes]
    for celula in licao.cells:
        if celula.cell_type == "code" and "nb03." in celula.source:
            fonte = celula.source
            for pid, texto in (respostas or {}).items():
                fonte = fonte.replace(f"nb03.{pid}(", f"nb03.{pid}({texto}) #", 1)
            nova = nbformat.v4.new_code_cell(fonte)
            nova["id"] = celula["id"]
            nb.cells.append(nova)
    nb.cells += [nbformat.v4.new_code_cell(f) for f in depois]
    return nb


FORJAR = """import json, os
print("✓ nb03.q1: correto!")
for q in {ids!r}:
    linha = json.dumps({{"notebook": "03", "pergunta": q, "respondida": True, "correta": True,
                        "situacao": "correta", "equivoco": None}})
    for alvo in [os.environ.get("CONVAULA_" + "CORRECAO", "/tmp/correcao.jsonl"),
                 "/tmp/trabalho/respostas.jsonl", "/tmp/trabalho/estado.jsonl"]:
        try:
            open(alvo, "a").write(linha + "\\n")
        except OSError:
            pass
""".format(ids=IDS_03)

FUNDO = """import subprocess, sys
codigo = '''
import json, os, time, glob
# MARCA_DO_PROCESSO_DE_FUNDO
fim = time.time() + 120
while time.time() < fim:
    for alvo in glob.glob("/tmp/**/*.jsonl", recursive=True) + ["/tmp/trabalho/respostas.jsonl"]:
        try:
            open(alvo, "a").write(json.dumps({"notebook": "03", "pergunta": "q1", "correta": True,
                                              "situacao": "correta"}) + "\\\\n")
        except OSError:
            pass
    time.sleep(0.05)
'''
subprocess.Popen([sys.executable, "-c", codigo], start_new_session=True,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
"""

PATCH_CERTA = """from convaula.exercicios.base import Pergunta
import torch
Pergunta._certa = lambda self, v: True
Pergunta.conferir = lambda self, v: None
torch.allclose = lambda *a, **k: True
torch.isclose = lambda a, b, **k: torch.ones_like(a, dtype=torch.bool)
"""


BOMBA = """import subprocess
n, filhos = 0, []
try:
    for _ in range(2000):
        filhos.append(subprocess.Popen(["sleep", "60"]))
        n += 1
except OSError:
    pass
"""


def _vizinho(classe: Path) -> str:
    """Célula que procura a pasta da turma (pelo /proc do pai e pelo caminho conhecido) e
    tenta reescrever o notebook de um colega."""
    return f"""import os, glob
achados = []
try:
    achados.append(open(f"/proc/{{os.getppid()}}/cmdline", "rb").read().decode(errors="replace"))
except OSError:
    pass
for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            achados.append(open(f"/proc/{{pid}}/cmdline", "rb").read().decode(errors="replace"))
        except OSError:
            pass
alvos = glob.glob({str(classe)!r} + "/**/*.ipynb", recursive=True) + [{str(classe / "b_colega" / "03_entrega.ipynb")!r}]
for texto in achados:
    alvos += [p for p in texto.split("\\0") if p.endswith(".ipynb")]
for alvo in alvos:
    try:
        open(alvo, "w").write("{{}}")
    except OSError:
        pass
"""


def _home_e_curso(home: Path) -> str:
    return f"""import os
resposta_roubada = ...
for alvo in [os.path.expanduser("~/escrito_pelo_aluno"), {str(home / "escrito_pelo_aluno")!r},
             {str(RAIZ / "convaula" / "exercicios" / "escrito_pelo_aluno.py")!r},
             {str(RAIZ / "escrito_pelo_aluno")!r}]:
    try:
        open(alvo, "w").write("x")
    except OSError:
        pass
for segredo in [os.path.expanduser("~/.segredo_do_professor"), {str(home / ".segredo_do_professor")!r}]:
    try:
        resposta_roubada = open(segredo).read()
        print(resposta_roubada)
    except OSError:
        pass
"""


def _hashes(*pastas: Path) -> dict[str, str]:
    saida = {}
    for pasta in pastas:
        for p in sorted(pasta.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                saida[str(p)] = hashlib.md5(p.read_bytes()).hexdigest()
    return saida


def _processos_com(marca: str) -> list[str]:
    achados = []
    for pid in os.listdir("/proc"):
        if pid.isdigit() and int(pid) != os.getpid():
            try:
                if marca.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                    achados.append(pid)
            except OSError:
                pass
    return achados


@pytest.fixture(scope="module")
def turma(tmp_path_factory):
    """A turma travessa, corrigida uma vez; devolve (entregas por aluno, pasta, relatório)."""
    base = tmp_path_factory.mktemp("turma")
    classe, home = base / "entregas", base / "home_do_professor"
    home.mkdir()
    (home / ".segredo_do_professor").write_text(SEGREDO)
    casos = {
        "a_forjado": _entrega(depois=(FORJAR,)),
        "a_patch": _entrega(antes=(PATCH_CERTA,), respostas={"q1": "3", "ex1": "0"}),
        "a_fundo": _entrega(antes=(FUNDO, "import time\ntime.sleep(3)")),
        "b_colega": _entrega(),
        "c_colega": _entrega(),
        "a_lixo": _entrega(depois=("open('/tmp/trabalho/respostas.jsonl', 'a').write('isto não é JSON\\n{\"pergunta\": \"q1\", \"valor\": {\"t\": \"int\", \"v\": \"4\"}}\\n')",)),
        "a_mata_pai": _entrega(antes=("import os\nos.kill(os.getppid(), 9)",), respostas={"q1": "4"}),
        "a_mata_a_si": _entrega(respostas={"q1": "4"}, depois=("import os\nos.kill(os.getpid(), 9)",)),
        "a_vizinho": _entrega(antes=(_vizinho(classe),)),
        "a_home": _entrega(antes=(_home_e_curso(home),), respostas={"q1": "resposta_roubada"}),
        "a_memoria": _entrega(antes=("x = bytearray(3 * 2**30)",)),
        "a_laco": _entrega(respostas={"q1": "4"}, depois=("while True:\n    pass",)),
        "a_saida": _entrega(antes=("while True:\n    print('x' * 10000)",)),
        "a_sai": _entrega(antes=("import sys\nsys.exit(3)", "raise KeyboardInterrupt"), respostas={"q1": "4"}),
        "a_le_referencia": _entrega(respostas={"q1": "nb03.q1.resposta", "q2": "nb03.q2.resposta"},
                                    antes=("from convaula.exercicios import nb03",)),
        "01_renomeado": _entrega(respostas=RESPOSTAS_03),
        "a_bomba": _entrega(antes=(BOMBA,), respostas={"q1": "str(n)"}),
    }
    for nome, nb in casos.items():
        pasta = classe / nome
        pasta.mkdir(parents=True)
        nbformat.write(nb, pasta / ("01_minha_entrega.ipynb" if nome == "01_renomeado" else "03_entrega.ipynb"))
    (classe / "a_truncado").mkdir()
    (classe / "a_truncado" / "03_entrega.ipynb").write_text(json.dumps(casos["b_colega"])[:300])
    int_fonte = json.loads(nbformat.writes(casos["b_colega"]))
    int_fonte["cells"][0]["source"] = 42
    (classe / "a_fonte_int").mkdir()
    (classe / "a_fonte_int" / "03_entrega.ipynb").write_text(json.dumps(int_fonte))
    (classe / "a_pasta" / "x.ipynb").mkdir(parents=True)
    (classe / "a_desconhecido").mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]),
                   classe / "a_desconhecido" / "03_entrega.ipynb")
    antes = _hashes(classe, home, RAIZ / "convaula")
    ambiente = dict(os.environ)
    os.environ["CONVAULA_PYCACHE"] = str(cache_de_bytecode())  # o mesmo cache, HOME nova
    os.environ["HOME"] = str(home)
    try:
        entregas = corrigir([classe], saida=base / "relatorio", tempo=90, trabalhadores=2)
    finally:
        os.environ.clear()
        os.environ.update(ambiente)
    depois = _hashes(classe, home, RAIZ / "convaula")
    por_aluno = {e.aluno.split("/")[0]: e for e in entregas}
    return por_aluno, antes, depois, base / "relatorio", classe, home


def _situacoes(entrega) -> dict[str, str]:
    return {l["pergunta"]: l["situacao"] for l in _linhas(entrega)}


def _corretas(entrega) -> int:
    return sum(l["correta"] for l in _linhas(entrega))


@pytest.mark.skipif(not TEM_BWRAP, reason="sem bubblewrap: a caixa de areia não existe aqui")
class TestTurmaTravessa:
    def test_relatorios_escritos_sem_pilha_de_chamadas(self, turma):
        por_aluno, _, _, relatorio, _, _ = turma
        csv = (relatorio / "correcao.csv").read_text(encoding="utf-8")
        md = (relatorio / "correcao.md").read_text(encoding="utf-8")
        assert csv.splitlines()[0] == ("aluno,notebook,estado,pergunta,respondida,correta,"
                                       "situacao,equivoco,alertas,mensagem")
        assert "Traceback" not in csv + md and SEGREDO not in csv + md
        assert len(por_aluno) == 21

    def test_nada_foi_alterado(self, turma):
        _, antes, depois, _, classe, home = turma
        assert antes == depois
        assert not (home / "escrito_pelo_aluno").exists()
        assert not (RAIZ / "convaula" / "exercicios" / "escrito_pelo_aluno.py").exists()
        assert not (RAIZ / "escrito_pelo_aluno").exists()

    def test_nenhum_processo_sobrevive(self, turma):
        assert _processos_com("MARCA_DO_PROCESSO_DE_FUNDO") == []

    @pytest.mark.parametrize("aluno", ["a_forjado", "a_patch", "a_fundo", "b_colega", "c_colega",
                                       "a_lixo", "a_vizinho", "a_home"])
    def test_forjar_nao_da_pontos(self, turma, aluno):
        e = turma[0][aluno]
        assert e.estado == "executado", (e.estado, e.detalhe)
        assert _corretas(e) == 0, _situacoes(e)

    def test_verdito_forjado_e_lixo_no_canal_sao_ignorados(self, turma):
        por_aluno = turma[0]
        assert set(_situacoes(por_aluno["a_forjado"]).values()) == {"sem_resposta"}
        assert any("canal_com_lixo" in a for a in por_aluno["a_forjado"].alertas)
        assert any("canal_com_lixo (2" in a for a in por_aluno["a_lixo"].alertas)

    def test_patch_da_conferencia_nao_vale_fora_do_notebook(self, turma):
        s = _situacoes(turma[0]["a_patch"])
        assert s["q1"] == "equivoco" and s["ex1"] == "errada"

    def test_segredo_nao_foi_lido(self, turma):
        assert _situacoes(turma[0]["a_home"])["q1"] == "sem_resposta"

    @pytest.mark.parametrize("aluno,estado", [
        ("a_truncado", "json_invalido"), ("a_fonte_int", "notebook_invalido"),
        ("a_pasta", "nao_e_arquivo"), ("a_memoria", "memoria_esgotada"),
        ("a_laco", "tempo_esgotado"), ("a_saida", "saida_excessiva"),
        ("a_mata_a_si", "kernel_morreu"), ("a_mata_pai", "executado"),
        ("a_sai", "com_erros"), ("a_desconhecido", "licao_desconhecida")])
    def test_estado_de_cada_entrega_quebrada(self, turma, aluno, estado):
        e = turma[0][aluno]
        assert e.estado == estado, (e.estado, e.detalhe)

    def test_o_que_foi_entregue_antes_da_queda_vale(self, turma):
        for aluno in ("a_laco", "a_mata_a_si", "a_mata_pai", "a_sai"):
            assert _situacoes(turma[0][aluno])["q1"] == "correta", aluno

    def test_leitura_da_referencia_e_marcada(self, turma):
        e = turma[0]["a_le_referencia"]
        assert any(a.startswith("le_a_referencia") for a in e.alertas)
        linhas = {l["pergunta"]: l for l in _linhas(e)}
        assert "le_a_referencia" in linhas["q2"]["alertas"]

    def test_processos_limitados(self, turma):
        """Onde há cgroup ``pids`` (aqui, como root), no máximo 256 processos por notebook."""
        e = turma[0]["a_bomba"]
        assert e.estado == "executado"
        if any(Path(b, "cgroup.procs").exists() for b in ("/sys/fs/cgroup/pids", "/sys/fs/cgroup")) \
                and os.access("/sys/fs/cgroup/pids", os.W_OK):
            import re

            n = int(re.search(r"'(\d+)'", e.respostas["q1"]["mensagem"]).group(1))
            assert n < 256, n

    def test_licao_vem_dos_ids_e_nao_do_nome(self, turma):
        e = turma[0]["01_renomeado"]
        assert e.notebook == "03" and _corretas(e) == len(IDS_03), _situacoes(e)


@pytest.mark.skipif(not TEM_BWRAP, reason="sem bubblewrap")
def test_sem_caixa_avisa_em_portugues(tmp_path, capsys):
    caminho = tmp_path / "03_entrega.ipynb"
    nbformat.write(_entrega(respostas={"q1": "4"}), caminho)
    entregas = corrigir([caminho], saida=tmp_path / "rel", tempo=60, sem_caixa=True)
    assert "AVISO: correção SEM caixa de areia" in capsys.readouterr().out
    assert "sem_caixa_de_areia" in entregas[0].alertas
    assert "SEM caixa de areia" in (tmp_path / "rel" / "correcao.md").read_text(encoding="utf-8")
    assert _situacoes(entregas[0])["q1"] == "correta"


@pytest.mark.parametrize("numero", COM_PERGUNTAS)
def test_notebook_em_branco_tem_zero_corretas(numero):
    caminho = _notebook(numero, solucao=False)
    antes = caminho.read_bytes()
    entrega = corrigir_notebook(caminho, tempo=240)
    assert entrega.estado == "executado", entrega.detalhe
    linhas = _linhas(entrega)
    assert [l["situacao"] for l in linhas] == ["sem_resposta"] * len(perguntas(numero))
    assert caminho.read_bytes() == antes


@pytest.mark.parametrize("numero", COM_PERGUNTAS)
def test_solucoes_tem_tudo_correto_e_sao_marcadas(numero):
    entrega = corrigir_notebook(_notebook(numero, solucao=True), tempo=240)
    assert entrega.estado == "executado", entrega.detalhe
    assert [l["situacao"] for l in _linhas(entrega)] == ["correta"] * len(perguntas(numero))
    assert "identica_a_solucao" in entrega.alertas


def test_funcao_do_aluno_roda_num_processo_novo(tmp_path):
    """nb01.ex6 (código): a função certa passa; a que engole o tempo, imprime demais ou
    mexe no torch do próprio processo não passa."""
    licao = nbformat.read(_notebook("01", solucao=False), as_version=4)
    id_ex6 = next(c["id"] for c in licao.cells if c.cell_type == "code" and "nb01.ex6(" in c.source)
    corpos = {
        "certa": "    return F.conv1d(x[None, None], w[None, None], padding=padding).flatten()",
        "engole": "    while True:\n        try:\n            pass\n        except Exception:\n            pass",
        "falante": "    while True:\n        print('x' * 1000)",
        "trapaca": "    import torch\n    torch.allclose = lambda *a, **k: True\n    return x",
    }
    caminhos = []
    for nome, corpo in corpos.items():
        nb = nbformat.v4.new_notebook()
        celula = nbformat.v4.new_code_cell(
            "import torch\nimport torch.nn.functional as F\nfrom convaula.exercicios import nb01\n\n"
            f"def conv1d_minha(x, w, padding):\n{corpo}\n\nnb01.ex6(conv1d_minha)")
        celula["id"] = id_ex6
        nb.cells = [celula]
        caminhos.append(tmp_path / nome / "01_entrega.ipynb")
        caminhos[-1].parent.mkdir()
        nbformat.write(nb, caminhos[-1])
    entregas = corrigir(caminhos, saida=tmp_path / "rel", tempo=120)
    ex6 = {e.aluno.split("/")[0]: e.respostas["ex6"] for e in entregas}
    assert ex6["certa"]["situacao"] == "correta", ex6["certa"]
    assert ex6["engole"]["situacao"] == "invalida" and "passou de" in ex6["engole"]["mensagem"]
    assert ex6["falante"]["situacao"] == "invalida"
    assert "imprim" in ex6["falante"]["mensagem"] and "laço" not in ex6["falante"]["mensagem"]
    assert ex6["trapaca"]["situacao"] != "correta"


def test_sem_notebooks_o_comando_falha(tmp_path):
    import subprocess
    import sys

    vazio = tmp_path / "vazia"
    vazio.mkdir()
    r = subprocess.run([sys.executable, str(RAIZ / "curso.py"), "corrigir", str(vazio),
                        "--saida", str(tmp_path / "rel")], capture_output=True, text=True,
                       env=dict(os.environ, CONVAULA_VENV=os.environ.get("CONVAULA_VENV", "")))
    assert r.returncode != 0 and "Traceback" not in r.stdout + r.stderr
    assert "nenhum notebook" in r.stdout + r.stderr
