"""Ortografia do curso: hunspell pt_BR sobre o markdown de todos os notebooks e do README.

Do markdown saem código (blocos e `inline`), LaTeX ($...$, $$...$$, \\begin...\\end), URLs,
destinos de links e imagens, e tags HTML; sobra o texto que o estudante lê. Cada palavra tem de
ser conhecida do dicionário pt_BR ou estar em ``tests/curso/palavras_projeto.txt`` (termos técnicos,
nomes, inglês). Palavras em itálico seguem a convenção do curso (o termo em inglês aparece uma
vez, em itálico, ao lado do português) e também valem se o dicionário en_US as conhece.

Sem ``hunspell`` ou sem os dicionários pt_BR e en_US o teste é pulado com o motivo.
Para ver a lista com sugestões sem o pytest: ``python tests/test_ortografia.py``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

pytestmark = pytest.mark.lento

RAIZ = Path(__file__).resolve().parents[2]
LISTA = Path(__file__).resolve().parent / "palavras_projeto.txt"
DICIONARIOS = {"pt_BR": "hunspell-pt-br", "en_US": "hunspell-en-us"}
PASTAS_DICIONARIOS = [Path("/usr/share/hunspell"), Path("/usr/share/myspell/dicts"), Path("/usr/share/myspell")]

LETRA = r"A-Za-zÀ-ÖØ-öø-ÿ"
# Hífen separa palavras (como no próprio hunspell): "caixa-preta" confere "caixa" e "preta".
PALAVRA = re.compile(rf"[{LETRA}0-9_]+(?:['’][{LETRA}0-9_]+)*")

# Trechos que não são prosa, removidos em ordem (a ordem importa: código antes de LaTeX etc.).
REMOVER = [
    re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.S | re.M),          # blocos de código
    re.compile(r"<!--.*?-->", re.S),                              # comentários HTML
    re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S),               # código inline
    re.compile(r"\$\$.+?\$\$", re.S),                             # LaTeX em destaque
    re.compile(r"\\\[.+?\\\]|\\\(.+?\\\)", re.S),                 # \[...\] e \(...\)
    re.compile(r"(?<![\\\w])\$(?!\s)(?:[^$\n]|\n(?!\s*\n))+?(?<![\s\\])\$"),  # LaTeX inline
    re.compile(r"\\begin\{(\w+\*?)\}.*?\\end\{\1\}", re.S),       # ambientes LaTeX
    re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M),                # definições de links
]
DESTINO_LINK = re.compile(r"(!?\[(?:[^\[\]]|\[[^\[\]]*\])*\])\([^)]*\)")  # [texto](destino) -> [texto]
# Depois dos destinos de links: URLs soltas, entidades e tags HTML (o texto dentro das tags fica).
REMOVER_DEPOIS = [
    re.compile(r"https?://\S+|www\.\S+"),
    re.compile(r"&\w+;|&#\d+;"),
    re.compile(r"</?[A-Za-z][^>]*>"),
]
NEGRITO = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
ITALICO = re.compile(r"(?<![\w*\\])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])", re.S)


@dataclass(frozen=True)
class Ocorrencia:
    """Uma palavra num lugar: arquivo, célula (None no README) e linha dentro dele."""

    palavra: str
    arquivo: str
    celula: int | None
    linha: int
    italico: bool

    def onde(self) -> str:
        celula = "" if self.celula is None else f" célula {self.celula}"
        return f"{self.arquivo}{celula} linha {self.linha}"


def limpar(markdown: str) -> str:
    """O texto legível de um markdown, com as quebras de linha preservadas (para achar a linha)."""
    def branco(m: re.Match) -> str:
        return re.sub(r"[^\n]", " ", m.group(0))

    texto = markdown
    for padrao in REMOVER:
        texto = padrao.sub(branco, texto)
    texto = DESTINO_LINK.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - len(m.group(1))), texto)
    for padrao in REMOVER_DEPOIS:
        texto = padrao.sub(branco, texto)
    return NEGRITO.sub(lambda m: "  " + m.group(2) + "  ", texto)


def _marcar_italicos(texto: str) -> tuple[str, list[tuple[int, int]]]:
    """Tira os marcadores de itálico e devolve os intervalos em itálico no texto resultante."""
    intervalos = []
    for m in ITALICO.finditer(texto):
        intervalos.append((m.start(2), m.end(2)))
    return ITALICO.sub(lambda m: " " + m.group(2) + " ", texto), intervalos


def palavras(markdown: str, arquivo: str, celula: int | None) -> list[Ocorrencia]:
    """As palavras a conferir num markdown (sem números, variáveis com _ e letras soltas)."""
    texto, italicos = _marcar_italicos(limpar(markdown))
    ocorrencias = []
    for m in PALAVRA.finditer(texto):
        palavra = m.group(0)
        if len(palavra) < 2 or re.search(r"[0-9_]", palavra):
            continue
        linha = texto.count("\n", 0, m.start()) + 1
        italico = any(a <= m.start() < b for a, b in italicos)
        ocorrencias.append(Ocorrencia(palavra, arquivo, celula, linha, italico))
    return ocorrencias


def textos_do_curso() -> list[tuple[str, int | None, str]]:
    """(arquivo, célula, markdown) do README e de cada célula markdown de cada notebook."""
    textos = [("README.md", None, (RAIZ / "README.md").read_text(encoding="utf-8"))]
    for caminho in sorted((RAIZ / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in caminho.parts:
            continue
        nb = json.loads(caminho.read_text(encoding="utf-8"))
        for i, celula in enumerate(nb["cells"]):
            if celula["cell_type"] == "markdown":
                fonte = celula["source"] if isinstance(celula["source"], str) else "".join(celula["source"])
                textos.append((caminho.relative_to(RAIZ).as_posix(), i, fonte))
    return textos


def lista_do_projeto() -> set[str]:
    """As palavras de tests/curso/palavras_projeto.txt (sem comentários nem linhas vazias)."""
    linhas = (linha.split("#", 1)[0].strip() for linha in LISTA.read_text(encoding="utf-8").splitlines())
    return {linha for linha in linhas if linha}


def _dicionario_ausente() -> str | None:
    if shutil.which("hunspell") is None:
        return "hunspell não encontrado: instale com apt-get install hunspell hunspell-pt-br hunspell-en-us"
    for nome, pacote in DICIONARIOS.items():
        if not any((pasta / f"{nome}.dic").exists() for pasta in PASTAS_DICIONARIOS):
            return f"dicionário {nome} do hunspell não encontrado: instale com apt-get install {pacote}"
    return None


def desconhecidas(candidatas: set[str], dicionario: str) -> set[str]:
    """As palavras (sem hífen) que o hunspell, em modo lista, não conhece."""
    if not candidatas:
        return set()
    entrada = "\n".join(sorted(candidatas)) + "\n"
    saida = subprocess.run(["hunspell", "-d", dicionario, "-i", "utf-8", "-l"], input=entrada,
                           capture_output=True, text=True, encoding="utf-8", check=True).stdout
    return set(saida.split()) & candidatas


def sugestoes(palavras_erradas: set[str], dicionario: str = "pt_BR") -> dict[str, list[str]]:
    """Até três sugestões do hunspell (modo ispell, uma chamada só) para cada palavra."""
    entrada = "".join(f"^{p}\n" for p in sorted(palavras_erradas))  # "^": a linha é texto, não comando
    saida = subprocess.run(["hunspell", "-d", dicionario, "-i", "utf-8", "-a"], input=entrada,
                           capture_output=True, text=True, encoding="utf-8").stdout
    resultado = {}
    for linha in saida.splitlines():
        if linha.startswith("& "):  # "& palavra n deslocamento: s1, s2, ..."
            cabeca, lista = linha.split(":", 1)
            resultado[cabeca.split()[1]] = [s.strip() for s in lista.split(",")][:3]
    return resultado


def _na_lista(palavra: str, lista: set[str]) -> bool:
    """Na lista do projeto, aceitando a inicial maiúscula de começo de frase."""
    return palavra in lista or (palavra[:1].lower() + palavra[1:]) in lista


def problemas_em(textos: list[tuple[str, int | None, str]], lista: set[str]) -> list[Ocorrencia]:
    """As ocorrências de palavras desconhecidas em ``textos`` (arquivo, célula, markdown), em ordem."""
    ocorrencias = [o for arquivo, celula, texto in textos for o in palavras(texto, arquivo, celula)]
    fora_da_lista = {o.palavra for o in ocorrencias if not _na_lista(o.palavra, lista)}
    sem_pt = desconhecidas(fora_da_lista, "pt_BR")
    sem_en = desconhecidas({o.palavra for o in ocorrencias if o.italico and o.palavra in sem_pt}, "en_US")
    return [o for o in ocorrencias
            if o.palavra in sem_pt and not (o.italico and o.palavra not in sem_en)]


def problemas_de_ortografia() -> list[Ocorrencia]:
    """As palavras desconhecidas do curso: README e markdown de todos os notebooks."""
    return problemas_em(textos_do_curso(), lista_do_projeto())


def relatorio(problemas: list[Ocorrencia]) -> str:
    """Uma linha por palavra desconhecida: onde aparece e o que o hunspell sugere."""
    por_palavra: dict[str, list[Ocorrencia]] = {}
    for o in problemas:
        por_palavra.setdefault(o.palavra, []).append(o)
    sugeridas = sugestoes(set(por_palavra))
    linhas = []
    for palavra, lugares in sorted(por_palavra.items(), key=lambda item: item[0].lower()):
        onde = "; ".join(o.onde() for o in lugares[:4]) + (f"; +{len(lugares) - 4}" if len(lugares) > 4 else "")
        linhas.append(f"  {palavra!r} ({onde}) → sugestões: {', '.join(sugeridas.get(palavra, [])) or '—'}")
    return "\n".join(linhas)


@pytest.fixture
def hunspell():
    """Pula o teste, dizendo por quê, quando falta o hunspell ou um dos dicionários."""
    motivo = _dicionario_ausente()
    if motivo:
        pytest.skip(motivo)


def test_limpeza_tira_codigo_latex_links_e_html():
    markdown = ("Texto `codigoo` e $\\alphaa$ e $$\\betaa$$ e [ligação](http://exemplo/caminhoo) "
                "<b>negrito</b> **forte** *padding*\n```python\nerrro = 1\n```\n\\begin{align}x\\end{align} fim "
                "$\\frac{1}{16}\\begin{bmatrix}1&2\\\\2&1\\end{bmatrix}$ ![alto [1, 2] baixo](../figures/x.gif)")
    encontradas = palavras(markdown, "x.md", None)
    assert [o.palavra for o in encontradas] == [
        "Texto", "ligação", "negrito", "forte", "padding", "fim", "alto", "baixo"]
    assert [o.palavra for o in encontradas if o.italico] == ["padding"]
    assert encontradas[-1].linha == 5 and encontradas[-1].celula is None
    assert [o.palavra for o in palavras("Veja https://exemplo.org/errro e <https://x.org/b> fim", "x", 0)] == [
        "Veja", "fim"]


def test_hunspell_acha_erro_de_digitacao(hunspell):
    assert desconhecidas({"convolução", "preenchimento", "convoluçao", "preenchimeto"}, "pt_BR") == {
        "convoluçao", "preenchimeto"}
    assert [o.palavra for o in palavras("caixa-pretta, refazê-los", "x.md", None)] == [
        "caixa", "pretta", "refazê", "los"]
    assert desconhecidas({"caixa", "pretta", "refazê", "los"}, "pt_BR") == {"pretta"}
    assert desconhecidas({"padding", "stride", "paddnig"}, "en_US") == {"paddnig"}


def test_regras_da_lista_e_do_italico(hunspell):
    texto = ("O preenchimento (*padding*) e o passo (*stridde*). Sobel e Convaula mudam o\n"
             "padding, e a convolusão erra; *depthwise* só vale pela lista.")
    achadas = problemas_em([("x.ipynb", 3, texto)], {"Sobel", "convaula", "depthwise"})
    assert [(o.palavra, o.celula, o.linha) for o in achadas] == [
        ("stridde", 3, 1), ("padding", 3, 2), ("convolusão", 3, 2)]


def test_lista_do_projeto_pequena_e_sem_repeticao():
    linhas = [l.split("#", 1)[0].strip() for l in LISTA.read_text(encoding="utf-8").splitlines()]
    palavras_lista = [l for l in linhas if l]
    assert len(palavras_lista) == len(set(palavras_lista)), "palavra repetida em palavras_projeto.txt"
    assert len(palavras_lista) <= 150, f"palavras_projeto.txt tem {len(palavras_lista)} entradas (máximo 150)"


def test_ortografia_dos_notebooks_e_do_readme(hunspell):
    problemas = problemas_de_ortografia()
    assert not problemas, (
        f"{len({o.palavra for o in problemas})} palavra(s) desconhecida(s) do hunspell pt_BR. Corrija o texto "
        f"ou, se for termo técnico, nome ou inglês, acrescente a tests/curso/palavras_projeto.txt:\n{relatorio(problemas)}")


if __name__ == "__main__":
    print(relatorio(problemas_de_ortografia()) or "nenhuma palavra desconhecida")
