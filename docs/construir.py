"""Monta e constrói o site estático do curso: ``python3 curso.py site``.

A fonte é montada em ``_site/fonte/`` (pasta ignorada pelo git), a partir dos arquivos
versionados: os notebooks de ``notebooks/`` (lições ``NN_*.ipynb`` na ordem dos números, cada
uma com as suas soluções logo abaixo), as figuras de ``figures/`` e duas páginas tiradas do
README (o glossário e "como rodar"), para que cada texto tenha um lugar só. Os notebooks não
são reexecutados: a cópia ganha só notas em Markdown (de onde vem a página, como responder cada
exercício, onde estão as soluções). A lista de lições sai da pasta ``notebooks/``: um notebook
novo ``NN_*.ipynb`` entra sozinho no menu, na ordem. O HTML sai em ``_site/html/``; avisos do
Sphinx são erros.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
SAIDA = RAIZ / "_site"
SECOES_COMO_RODAR = ("Começar", "Requisitos", "Outros comandos", "Site")


def licoes(raiz: Path = RAIZ) -> list[Path]:
    """Os notebooks das lições (``notebooks/NN_*.ipynb``), na ordem dos números."""
    return sorted((raiz / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def solucoes(licao: Path) -> list[Path]:
    """Os notebooks de soluções da lição (``notebooks/solucoes/NN_*.ipynb``)."""
    numero = licao.name[:2]
    return sorted((licao.parent / "solucoes").glob(f"{numero}_*.ipynb"))


def titulo(notebook: Path) -> str:
    """O título (primeiro ``# ``) do notebook, sem o número na frente."""
    for celula in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if celula["cell_type"] == "markdown":
            for linha in "".join(celula["source"]).splitlines():
                if linha.startswith("# "):
                    return re.sub(r"^\d+\s*[—-]\s*", "", linha[2:].strip())
    return notebook.stem


def secao_readme(nome: str, readme: str) -> str:
    """O texto da seção ``## nome`` do README (sem o título), até a próxima ``## ``."""
    casamento = re.search(rf"^## {re.escape(nome)}\n(.*?)(?=^## |\Z)", readme, re.S | re.M)
    return casamento.group(1).strip() + "\n" if casamento else ""


def _link(casamento: re.Match, ancoras: set[str]) -> str:
    texto, alvo = casamento.group(1), casamento.group(2)
    if alvo.startswith(("http://", "https://")):
        return casamento.group(0)
    if alvo.startswith("#"):
        return casamento.group(0) if alvo[1:] in ancoras else texto
    if alvo.endswith(".ipynb") and (RAIZ / alvo).exists():
        return f"[{texto}]({alvo})"
    return texto  # arquivo do repositório que não vira página (requirements.txt, pastas...)


def adaptar_links(texto: str) -> str:
    """Links do README para o site: notebooks viram páginas; outros arquivos, texto simples."""
    ancoras = {_ancora(t) for t in re.findall(r"^#+ (.+)$", texto, re.M)}
    return re.sub(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)", lambda m: _link(m, ancoras), texto)


def _ancora(titulo_secao: str) -> str:
    """A âncora que o MyST gera para um título (minúsculas, espaços viram hífens)."""
    texto = re.sub(r"[^\w\- ]", "", titulo_secao.strip().lower())
    return texto.replace(" ", "-")


def _celula(texto: str, ident: str) -> dict:
    return {"cell_type": "markdown", "id": f"convaula-site-{ident}", "metadata": {}, "source": texto}


# O que a célula de resposta de um exercício imprime enquanto ninguém respondeu.
SEM_RESPOSTA = "ainda sem resposta"


def _sem_resposta(celula: dict) -> bool:
    return any(SEM_RESPOSTA in "".join(saida.get("text", "")) for saida in celula.get("outputs", []))


def _como_responder(licao: Path) -> str:
    """A nota que o site põe depois de cada célula de resposta: no site, a célula não roda."""
    sols = solucoes(licao)
    solucao = (f" A solução comentada está no [notebook de soluções](solucoes/{sols[0].name})."
               if sols else "")
    return (":::{admonition} Para responder\n:class: tip convaula-responder\n"
            "Abra este notebook no JupyterLab (`python3 curso.py abrir`; veja "
            "[como rodar](../como_rodar.md)), troque o `...` pela sua resposta e rode a célula: "
            f"aqui no site ela não roda.{solucao}\n:::\n")


def _copiar_notebook(origem: Path, destino: Path, antes: str, depois: str = "",
                     responder: str = "") -> None:
    """Copia o notebook com uma nota depois do título e, se houver, uma célula no fim.

    Com ``responder``, essa nota vai também depois de cada célula de resposta de exercício.
    """
    nb = json.loads(origem.read_text(encoding="utf-8"))
    if responder:
        celulas = []
        for celula in nb["cells"]:
            celulas.append(celula)
            if celula["cell_type"] == "code" and _sem_resposta(celula):
                celulas.append(_celula(responder, f"responder-{len(celulas)}"))
        nb["cells"] = celulas
    nb["cells"].insert(1, _celula(antes, "nota"))
    if depois:
        nb["cells"].append(_celula(depois, "indice"))
    destino.parent.mkdir(parents=True, exist_ok=True)
    destino.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")


def _nota_licao(licao: Path) -> tuple[str, str]:
    links = ", ".join(f"[notebook de soluções](solucoes/{s.name})" for s in solucoes(licao))
    antes = (f":::{{note}}\nEsta página é o notebook {{download}}`{licao.name} <{licao.name}>` "
             "com as saídas já calculadas. Para rodar e mexer no código, veja "
             f"[como rodar](../como_rodar.md).")
    antes += f" Soluções dos exercícios: {links}.\n:::\n" if links else "\n:::\n"
    depois = ""
    if links:
        nomes = "\n".join(f"solucoes/{s.stem}" for s in solucoes(licao))
        depois = (f"Depois de tentar os exercícios, confira: {links}.\n\n"
                  f"```{{toctree}}\n:hidden:\n\n{nomes}\n```\n")
    return antes, depois


def _nota_solucao(solucao: Path, licao: Path) -> str:
    return (f":::{{note}}\nSoluções do notebook [{licao.name[:2]}](../{licao.name}). "
            f"Baixe o notebook: {{download}}`{solucao.name} <{solucao.name}>`.\n:::\n")


def _pagina_inicial(readme: str, lista: list[Path]) -> str:
    introducao = re.search(r"^# .*?\n(.*?)(?=^## )", readme, re.S | re.M).group(1).strip()
    linhas = ["# Camadas de convolução em PyTorch", "", introducao, "",
              "## As lições", ""]
    for licao in lista:
        sols = " · ".join(f"[soluções](notebooks/solucoes/{s.name})" for s in solucoes(licao))
        linhas.append(f"{licao.name[:2]}. [{titulo(licao)}](notebooks/{licao.name})"
                      + (f" ({sols})" if sols else ""))
    linhas += ["", "Para rodar os notebooks no seu computador, veja [como rodar](como_rodar.md); "
               "os termos em português e em inglês estão no [glossário](glossario.md).", "",
               "```{toctree}", ":hidden:", ":caption: Lições", "",
               *[f"notebooks/{licao.stem}" for licao in lista], "```", "",
               "```{toctree}", ":hidden:", ":caption: Referência", "",
               "como_rodar", "glossario", "```", ""]
    return "\n".join(linhas)


def montar_fonte(destino: Path, raiz: Path = RAIZ) -> int:
    """Monta a fonte do Sphinx em ``destino``; devolve o número de páginas."""
    if destino.exists():
        shutil.rmtree(destino)
    (destino / "notebooks").mkdir(parents=True)
    shutil.copytree(raiz / "figures", destino / "figures")
    shutil.copytree(raiz / "docs" / "locale", destino / "locale")  # frases do tema em português
    readme = (raiz / "README.md").read_text(encoding="utf-8")
    lista = licoes(raiz)
    paginas = 3
    for licao in lista:
        _copiar_notebook(licao, destino / "notebooks" / licao.name, *_nota_licao(licao),
                         responder=_como_responder(licao))
        for solucao in solucoes(licao):
            _copiar_notebook(solucao, destino / "notebooks" / "solucoes" / solucao.name,
                             _nota_solucao(solucao, licao))
            paginas += 1
        paginas += 1
    (destino / "index.md").write_text(_pagina_inicial(readme, lista), encoding="utf-8")
    glossario = "# Glossário\n\n" + secao_readme("Glossário", readme)
    (destino / "glossario.md").write_text(adaptar_links(glossario), encoding="utf-8")
    como_rodar = "# Como rodar o curso\n\n" + "\n".join(
        f"## {nome}\n\n{secao_readme(nome, readme)}" for nome in SECOES_COMO_RODAR
        if secao_readme(nome, readme))
    (destino / "como_rodar.md").write_text(adaptar_links(como_rodar), encoding="utf-8")
    return paginas


def construir(saida: Path = SAIDA) -> int:
    """Monta a fonte e roda o Sphinx (avisos são erros); devolve o código de saída."""
    inicio = time.monotonic()
    paginas = montar_fonte(saida / "fonte")
    html = saida / "html"
    if html.exists():
        shutil.rmtree(html)
    comando = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q",
               "-c", str(RAIZ / "docs"), "-d", str(saida / "doctrees"),
               str(saida / "fonte"), str(html)]
    codigo = subprocess.call(comando, cwd=RAIZ)
    if codigo == 0:
        print(f"[convaula] site com {paginas} páginas em {html} "
              f"({time.monotonic() - inicio:.1f} s); abra {html / 'index.html'}", flush=True)
    return codigo


def main() -> int:
    analisador = argparse.ArgumentParser(description=__doc__)
    analisador.add_argument("--saida", type=Path, default=SAIDA, help="pasta do site (padrão: _site/)")
    return construir(analisador.parse_args().saida.resolve())


if __name__ == "__main__":
    sys.exit(main())
