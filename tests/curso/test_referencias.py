"""As referências cruzadas entre o pacote e os notebooks são verdadeiras.

A referência formal começa com maiúscula ("Notebook 03.", "Notebooks: 01 (...), 05 (...)."); um
"notebook 03" no meio de uma frase é só texto. Assim:

- Quando a docstring de uma função (ou classe) diz "Notebook NN", o notebook NN (ou as suas
  soluções) usa essa função no código.
- Quando a docstring de um módulo diz "Notebooks: NN (...), MM (...)", cada um desses notebooks
  depende do módulo: ele está entre os módulos carregados pelas importações do notebook.
- Todo ``from convaula.M import nome`` de um notebook importa o nome de onde ele é definido:
  nada de reexportações entre módulos irmãos. A exceção é a porta de entrada de um pacote
  (``convaula``, ``convaula.desenho``...), que oferece no seu ``__all__`` nomes da própria ala.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import os
import pkgutil
import re
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

import convaula

RAIZ = Path(__file__).resolve().parents[2]
NOTEBOOKS = RAIZ / "notebooks"
PACOTE = RAIZ / "convaula"


@lru_cache(maxsize=None)
def codigo_do_notebook(numero: str) -> str:
    """O código de todas as células do notebook ``numero`` e das suas soluções, juntos."""
    partes = []
    for caminho in sorted(NOTEBOOKS.glob(f"{numero}_*.ipynb")) + sorted(NOTEBOOKS.glob(f"solucoes/{numero}_*.ipynb")):
        nb = json.loads(caminho.read_text(encoding="utf-8"))
        partes += ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    # As mágicas do IPython (%matplotlib, %pip, !comando) não são Python: saem antes do ast.
    return "\n".join(l for l in "\n".join(partes).splitlines() if not l.lstrip().startswith(("%", "!")))


def numeros_citados(docstring: str | None) -> list[str]:
    """Os números de notebook citados numa docstring ("Notebook 03.", "Notebooks: 01 (...), 05 (...).")."""
    if not docstring:
        return []
    numeros = []
    for trecho in re.findall(r"Notebooks?:?\s+(.*?)(?:\.\s|\.$|$)", re.sub(r"\([^()]*\)", "", docstring),
                             flags=re.S | re.M):
        numeros += re.findall(r"\b(0[1-9])\b", trecho)
    return sorted(set(numeros))


def modulos() -> list[str]:
    nomes = ["convaula"]
    for info in pkgutil.walk_packages(convaula.__path__, "convaula."):
        nomes.append(info.name)
    return nomes


def existe_notebook(numero: str) -> bool:
    return any(NOTEBOOKS.glob(f"{numero}_*.ipynb"))


def casos_de_funcoes():
    for nome_modulo in modulos():
        modulo = importlib.import_module(nome_modulo)
        for nome, objeto in vars(modulo).items():
            if nome.startswith("_") or not (inspect.isfunction(objeto) or inspect.isclass(objeto)):
                continue
            if getattr(objeto, "__module__", None) != nome_modulo:
                continue
            for numero in numeros_citados(inspect.getdoc(objeto)):
                yield pytest.param(nome_modulo, nome, numero, id=f"{nome_modulo}.{nome}-{numero}")


def casos_de_modulos():
    for nome_modulo in modulos():
        doc = importlib.import_module(nome_modulo).__doc__
        for numero in numeros_citados(doc):
            yield pytest.param(nome_modulo, numero, id=f"{nome_modulo}-{numero}")


@pytest.mark.parametrize("nome_modulo, nome, numero", list(casos_de_funcoes()))
def test_funcao_citada_e_usada_no_notebook(nome_modulo, nome, numero):
    assert existe_notebook(numero), f"{nome_modulo}.{nome} cita o notebook {numero}, que não existe"
    assert re.search(rf"\b{re.escape(nome)}\b", codigo_do_notebook(numero)), (
        f"a docstring de {nome_modulo}.{nome} cita o notebook {numero}, mas ele não usa {nome}")


@lru_cache(maxsize=None)
def modulos_carregados(numero: str) -> frozenset[str]:
    """Os módulos ``convaula.*`` que as importações do notebook ``numero`` (e soluções) carregam."""
    importacoes = []
    for no in ast.walk(ast.parse(codigo_do_notebook(numero))):
        if isinstance(no, (ast.Import, ast.ImportFrom)):
            importacoes.append(ast.unparse(no))
    programa = "\n".join(importacoes + ["import sys", "print(*sorted(m for m in sys.modules if m.startswith('convaula')))"])
    saida = subprocess.run([sys.executable, "-c", programa], capture_output=True, text=True, check=True,
                           cwd=RAIZ, env={**os.environ, "MPLBACKEND": "Agg"})
    return frozenset(saida.stdout.split())


@pytest.mark.lento  # importa cada notebook num processo novo (torch e torchvision: segundos cada)
@pytest.mark.parametrize("nome_modulo, numero", list(casos_de_modulos()))
def test_modulo_citado_e_importado_pelo_notebook(nome_modulo, numero):
    assert existe_notebook(numero), f"{nome_modulo} cita o notebook {numero}, que não existe"
    assert nome_modulo in modulos_carregados(numero), (
        f"a docstring de {nome_modulo} cita o notebook {numero}, mas ele não depende de {nome_modulo}")


def importacoes_dos_notebooks():
    for caminho in sorted(NOTEBOOKS.rglob("*.ipynb")):
        nb = json.loads(caminho.read_text(encoding="utf-8"))
        for celula in nb["cells"]:
            if celula["cell_type"] != "code":
                continue
            try:
                arvore = ast.parse("".join(celula["source"]))
            except SyntaxError:
                continue
            for no in ast.walk(arvore):
                if isinstance(no, ast.ImportFrom) and (no.module or "").startswith("convaula"):
                    for alias in no.names:
                        yield pytest.param(caminho.name, no.module, alias.name,
                                           id=f"{caminho.stem}:{no.module}.{alias.name}")


@pytest.mark.parametrize("notebook, nome_modulo, nome", list(importacoes_dos_notebooks()))
def test_notebook_importa_do_lugar_onde_o_nome_e_definido(notebook, nome_modulo, nome):
    modulo = importlib.import_module(nome_modulo)
    assert hasattr(modulo, nome), f"{notebook}: {nome_modulo} não tem {nome}"
    objeto = getattr(modulo, nome)
    if inspect.ismodule(objeto):
        assert objeto.__name__ == f"{nome_modulo}.{nome}", f"{notebook}: {nome_modulo}.{nome} é reexportação"
        return
    definido_em = getattr(objeto, "__module__", nome_modulo)
    # A porta de entrada de um pacote (convaula, convaula.desenho...) pode oferecer nomes da sua ala.
    publico = hasattr(modulo, "__path__") and nome in getattr(modulo, "__all__", ())
    publico = publico and definido_em.startswith(nome_modulo + ".")
    assert definido_em == nome_modulo or publico, (
        f"{notebook} importa {nome} de {nome_modulo}, mas ele é definido em {definido_em}")


def test_os_padroes_de_citacao_sao_lidos():
    assert numeros_citados("Soma. Notebook 03.") == ["03"]
    assert numeros_citados("Notebooks: 01 (série de preços), 02 (canais), 06 (Sobel).") == ["01", "02", "06"]
    assert numeros_citados("Notebooks 01, 04 e 05.\n\nExemplo: 10 e 20") == ["01", "04", "05"]
    assert numeros_citados("Sem citação nenhuma, 03 aqui não conta.") == []
