"""Um notebook aberto onde o convaula não está instalado diz, em português, como instalar.

A primeira célula de código de cada notebook começa por um ``try: import convaula``; sem o
pacote, ela para com a instrução (``python3 curso.py abrir`` ou ``%pip install`` com o caminho
certo até a raiz do curso). O teste lento roda essa célula num kernel de verdade em que o
``import convaula`` falha (um ``sitecustomize`` bloqueia o pacote, como num Jupyter sem o curso).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest

RAIZ = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p for p in (RAIZ / "notebooks").rglob("[0-9][0-9]_*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)

# Um Python em que ``import convaula`` falha como se o pacote não estivesse instalado.
BLOQUEIO = '''import sys
class _SemConvaula:
    def find_spec(self, nome, caminho=None, alvo=None):
        if nome == "convaula" or nome.startswith("convaula."):
            raise ModuleNotFoundError(f"No module named {nome!r}", name=nome)
        return None
sys.meta_path.insert(0, _SemConvaula())
'''


def _primeira_celula(caminho: Path) -> str:
    nb = nbformat.read(caminho, as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("caminho", NOTEBOOKS, ids=lambda p: p.stem)
def test_primeira_celula_protege_o_import(caminho):
    fonte = _primeira_celula(caminho)
    assert fonte.startswith("try:") and "    import convaula\nexcept ModuleNotFoundError:\n" in fonte
    assert "python3 curso.py abrir" in fonte
    pip = re.search(r"%pip install -r (\S+)/requirements\.txt -e (\S+) ", fonte)
    assert pip and pip.group(1) == pip.group(2), "o %pip precisa do caminho até a raiz do curso"
    assert (caminho.parent / pip.group(1)).resolve() == RAIZ


@pytest.mark.lento
def test_sem_convaula_a_celula_diz_como_instalar(tmp_path):
    from nbclient import NotebookClient

    (tmp_path / "sitecustomize.py").write_text(BLOQUEIO)
    antes = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(tmp_path)  # o kernel herda o ambiente deste processo
    try:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(_primeira_celula(NOTEBOOKS[0])),
                                             nbformat.v4.new_code_cell("print('não devia rodar')")])
        NotebookClient(nb, timeout=120, kernel_name="python3", allow_errors=False,
                       resources={"metadata": {"path": str(tmp_path)}}).execute()
    except Exception as erro:  # a execução para na primeira célula, como no Jupyter
        mensagem = str(erro)
    else:
        pytest.fail("a primeira célula rodou sem o convaula e não parou")
    finally:
        if antes is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = antes
    saidas = nb.cells[0].outputs
    assert [s.get("ename") for s in saidas if s.output_type == "error"] == ["SystemExit"], mensagem
    texto = " ".join(s.get("evalue", "") for s in saidas)
    assert "python3 curso.py abrir" in texto and "%pip install -r ../requirements.txt -e .." in texto
    assert "ModuleNotFoundError" not in texto and not nb.cells[1].outputs
