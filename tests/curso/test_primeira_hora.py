"""A primeira hora do estudante: o começo do README é para ele, e o que diz é verdade.

A primeira seção do README é "Começar", com um comando só (``python3 curso.py abrir``); os
nomes de menu que ela cita existem na tradução do JupyterLab instalada; e a tabela "Quanto
tempo leva" tem uma linha por notebook, com a estimativa que a regra escrita ali dá para o
tamanho de cada um (com folga: os notebooks mudam um pouco sem que a estimativa precise mudar).
"""

from __future__ import annotations

import json
import re
from importlib.util import find_spec
from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[2]
README = (RAIZ / "README.md").read_text(encoding="utf-8")


def _secao(nome: str) -> str:
    casamento = re.search(rf"^##+ {re.escape(nome)}\n(.*?)(?=^##+ |\Z)", README, re.S | re.M)
    assert casamento, f"o README não tem a seção {nome!r}"
    return casamento.group(1)


def estimativa_min(notebook: Path) -> int:
    """A regra do README: 1 min a cada 120 palavras de texto, 0,5 min por célula de código e
    3 min por pergunta conferida, arredondado para múltiplos de 5 min."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    palavras = sum(len(re.findall(r"\w+", "".join(c["source"])))
                   for c in nb["cells"] if c["cell_type"] == "markdown")
    codigo = [c for c in nb["cells"] if c["cell_type"] == "code"]
    perguntas = sum("".join(o.get("text", "")).count("ainda sem resposta")
                    for c in codigo for o in c.get("outputs", []))
    return 5 * round((palavras / 120 + len(codigo) / 2 + 3 * perguntas) / 5)


def test_o_readme_comeca_pelo_estudante():
    primeira = re.search(r"^## (.+)$", README, re.M).group(1)
    assert primeira == "Começar"
    comeco = _secao("Começar")
    blocos = re.findall(r"```bash\n(.*?)```", comeco, re.S)
    assert blocos and blocos[0].strip() == "python3 curso.py abrir", "um comando só, o abrir"
    for passo in ("notebook 01", "em português", "de cima para baixo", "exploradores",
                  "Reiniciar o kernel e executar tudo", "Para parar", "Ctrl+C"):
        assert passo in comeco, f"falta {passo!r} no começo do README"
    assert "python3 curso.py testar" in README


def test_os_menus_citados_existem_na_traducao():
    if find_spec("jupyterlab_language_pack_pt_BR") is None:
        pytest.skip("sem o pacote de idioma jupyterlab-language-pack-pt-br")
    pasta = Path(find_spec("jupyterlab_language_pack_pt_BR").origin).parent
    traducao = json.loads((pasta / "locale" / "pt_BR" / "LC_MESSAGES" / "jupyterlab.json")
                          .read_text(encoding="utf-8"))
    assert traducao["Restart Kernel and Run All Cells…"][0] == "Reiniciar o kernel e executar tudo…"
    assert traducao["Shut Down"][0] == "Desligar"
    comeco = _secao("Começar")
    assert "Reiniciar o kernel e executar tudo…" in comeco and "Desligar" in comeco


def test_quanto_tempo_leva_segue_o_tamanho_dos_notebooks():
    tabela = _secao("Quanto tempo leva")
    linhas = dict(re.findall(r"^\| (\d\d) \| (\d+) min \|", tabela, re.M))
    notebooks = sorted((RAIZ / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(linhas) == [n.name[:2] for n in notebooks], "uma linha por notebook"
    longe = []
    for notebook in notebooks:
        escrita, calculada = int(linhas[notebook.name[:2]]), estimativa_min(notebook)
        if abs(escrita - calculada) > max(10, 0.15 * calculada):
            longe.append(f"{notebook.name}: README {escrita} min, pela regra {calculada} min")
    assert not longe, "atualize a tabela do README:\n" + "\n".join(longe)
    total = re.search(r"No total: (\d+) min", tabela)
    assert total and int(total.group(1)) == sum(map(int, linhas.values()))
