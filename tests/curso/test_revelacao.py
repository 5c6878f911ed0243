"""Nenhuma previsão conferida tem a resposta escrita na página antes de ser pedida.

"Preveja, depois confira" só ensina se a resposta não estiver à vista. Para cada célula de um
notebook de lição que chama uma conferência (``nb03.q4(...)``, ``nb01.ex2(...)``), o trecho
da página entre a conferência anterior e essa célula (o texto das células de texto, as saídas
das células de código e os comentários da própria célula da conferência) não pode
conter a resposta de referência do banco, escrita como apareceria no texto:

- um inteiro com dois ou mais algarismos, como número solto (``1216``, ``[3, 7, 15]``; não
  conta dentro de ``1,216,000`` nem de ``12.5``, nem num índice como ``y[12]``);
- um inteiro de um algarismo só como resultado de uma conta (``n − k + 1 = 5``, ``→ 5``,
  ``saída 5``, ``-> [3, 5, 7]``): um dígito solto aparece em toda parte como parâmetro
  (``k = 3``, ``s = 2``) e como elemento de listas de dados (``x = [5, 4, 8]``);
- uma tupla como ``(2, 2)``, ``[2, 2]``, ``2×2``, ``2 \\times 2`` ou ``torch.Size([2, 2])``;
- um tensor (dois ou mais valores) como a sequência dos seus valores, com ou sem os pontos
  de ``tensor([22., 41.])`` e com quatro casas se não forem inteiros;
- um real com 2, 3 ou 4 casas, com ponto ou vírgula.

Respostas de escolha (``Alternativa``) ficam de fora: o enunciado nomeia as opções por
construção. Respostas de código (``Codigo``) não têm forma literal. O código-fonte das células
não conta (os seus números são as entradas da conta, como ``figsize=(9, 4)``; o resultado que o
aluno lê está na saída), nem a primeira célula de código (importações e semente).

``PERMITIDAS`` lista, com o motivo, as raras ocorrências que não revelam a resposta.
"""

from __future__ import annotations

import json
import re
from importlib import import_module
from pathlib import Path

import pytest
import torch

from convaula.exercicios.base import Pergunta
from convaula.exercicios.tipos import Alternativa, Inteiro, Real, Tensor, Tupla

RAIZ = Path(__file__).resolve().parents[2]
LICOES = sorted((RAIZ / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CONFERENCIA = re.compile(r"\bnb(\d\d)\.((?:q|ex)\d+)\(")

# (pergunta, trecho exato que contém a forma encontrada): motivo.
PERMITIDAS: dict[tuple[str, str], str] = {
    ("nb03.ex1", "[1, 2, 4, 8, 16, 32"): "a lista das dilatações do WaveNet (potências de 2) tem "
    "o 16 por acaso; não é um tamanho de saída nem se deduz dela o n_out de n = 32, k = 5, p = 2, "
    "s = 2",
}
# No notebook 08, o 16 das formas é o número de canais de C3 e S4 (o C_out da tabela de camadas),
# não um campo receptivo: a pergunta q3 pede pixels da entrada, que essas formas não dão.
_CANAIS_DE_C3 = ("o 16 é o número de canais de C3/S4 numa forma (C, H, W); q3 pergunta o campo "
                 "receptivo de S4 em pixels, que não se lê nas formas")
PERMITIDAS.update({("nb08.q3", trecho): _CANAIS_DE_C3
                   for trecho in ("(16, 10, 10)", "(16, 5, 5)", "[1, 16, 10, 10]", "[1, 16, 5, 5]",
                                  "(16×5×5 = 400")})


def _texto_da_celula(celula: dict, conferencia: bool = False) -> str:
    fonte = "".join(celula["source"])
    if celula["cell_type"] != "code":
        return fonte
    if conferencia:  # só os comentários da célula da resposta (as chamadas não contam)
        return "\n".join(linha.split("#", 1)[1] for linha in fonte.splitlines() if "#" in linha)
    partes = []  # o código são as entradas da conta; o aluno lê o resultado nas saídas
    for saida in celula.get("outputs", []):
        if "text" in saida:
            partes.append("".join(saida["text"]))
        elif "data" in saida and "text/plain" in saida["data"]:
            texto = "".join(saida["data"]["text/plain"])
            if not texto.startswith("<Figure size"):  # o tamanho da figura, não um resultado
                partes.append(texto)
    return "\n".join(partes)


def trechos(caminho: Path) -> list[tuple[str, list[Pergunta], str]]:
    """(nome da conferência, perguntas conferidas na célula, texto desde a anterior)."""
    celulas = json.loads(caminho.read_text(encoding="utf-8"))["cells"]
    primeira_de_codigo = next(i for i, c in enumerate(celulas) if c["cell_type"] == "code")
    saida, inicio = [], primeira_de_codigo + 1
    for i, celula in enumerate(celulas):
        if celula["cell_type"] != "code":
            continue
        achadas = CONFERENCIA.findall("".join(celula["source"]))
        if not achadas:
            continue
        perguntas = [getattr(import_module(f"convaula.exercicios.nb{nb}"), id_) for nb, id_ in achadas]
        texto = "\n".join(_texto_da_celula(c) for c in celulas[inicio:i])
        texto += "\n" + _texto_da_celula(celula, conferencia=True)
        saida.append((f"{caminho.stem}[{i}]", perguntas, texto))
        inicio = i + 1
    return saida


def _numero(valor: float, casas: int | None = None) -> list[str]:
    if casas is None:
        return [str(int(valor))]
    texto = f"{valor:.{casas}f}"
    return [texto, texto.replace(".", ",")]


_ANTES = r"(?<![\d.,])(?<!-)"
_DEPOIS = r"(?![\d]|[.,]\d)"


def _fora_de_indice(texto: str, inicio: int) -> bool:
    """Falso dentro de um índice, ``y[12]`` ou ``x[:, 12]``; listas ``[3, 12]`` contam."""
    abre = texto.rfind("[", 0, inicio)
    if abre <= texto.rfind("]", 0, inicio):
        return True
    return not (abre > 0 and (texto[abre - 1].isalnum() or texto[abre - 1] in "_)]"))


def _achados_inteiro(v: int, texto: str) -> list[str]:
    if abs(v) >= 10:
        padrao = re.compile(_ANTES + re.escape(str(v)) + _DEPOIS)
        return [texto[max(0, m.start() - 30):m.end() + 10] for m in padrao.finditer(texto)
                if _fora_de_indice(texto, m.start())]
    # "... + 1 = 5", "→ 5", "saída 5", "-> [3, 5]"; não "saída 7×7" (um tamanho 2D, outra resposta)
    conta = re.compile(r"(?:[-+−·×*/⌋]\s*\w+\s*=|→|->|\bsaída|\bresultado)\s*\$?"
                       r"(?:\[[^\]\n]*,\s*)?" + re.escape(str(v))
                       + r"(?![\d.,]\d|\d)(?!\s*(?:×|x|por|\\times)\s*\d)")
    return [texto[max(0, m.start() - 30):m.end() + 10] for m in conta.finditer(texto)]


def _sem_espacos(texto: str) -> str:
    texto = texto.replace("\\times", "×").replace("$", "").replace("{,}", ",")
    texto = re.sub(r"\s+", "", texto)
    return re.sub(r"(\d)x(\d)", r"\1×\2", texto)


def _achados_sequencia(valores: list[str], texto: str, formas: list[str]) -> list[str]:
    plano = _sem_espacos(texto)
    plano_sem_pontos = re.sub(r"(\d)\.(?!\d)", r"\1", plano)
    achados = []
    for forma in formas:
        for alvo in (plano, plano_sem_pontos):
            for m in re.finditer(r"(?<![\d.])" + re.escape(forma) + r"(?![\d]|\.\d)", alvo):
                achados.append(alvo[max(0, m.start() - 30):m.end() + 10])
    return achados


def formas_e_achados(pergunta: Pergunta, texto: str) -> list[str]:
    """Os trechos de ``texto`` em que a resposta de ``pergunta`` aparece."""
    tipo, resposta = pergunta.tipo, pergunta.resposta
    if isinstance(tipo, (Alternativa,)) or callable(resposta) and not isinstance(resposta, torch.Tensor):
        return []
    if isinstance(tipo, Tupla):
        v = [str(int(a)) for a in tipo.normalizar(resposta)]
        formas = ["(" + ",".join(v) + ")", "[" + ",".join(v) + "]", "×".join(v)]
        return _achados_sequencia(v, texto, formas)
    if isinstance(tipo, Tensor):
        valores = tipo.referencia(resposta).flatten().tolist()
        if len(valores) < 2:
            return _achados_inteiro(int(valores[0]), texto) if float(valores[0]).is_integer() else []
        if all(float(a).is_integer() for a in valores):
            v = [str(int(a)) for a in valores]
        else:
            v = [f"{a:.4f}" for a in valores]
        return _achados_sequencia(v, texto, [",".join(v)])
    if isinstance(tipo, Inteiro):
        return _achados_inteiro(int(tipo.normalizar(resposta)), texto)
    if isinstance(tipo, Real):
        valor = float(tipo.normalizar(resposta))
        achados = []
        for casas in (2, 3, 4):
            for forma in _numero(valor, casas):
                if float(forma.replace(",", ".")) == 0:
                    continue
                padrao = re.compile(r"(?<![\d.,])" + re.escape(forma) + r"(?!\d)")
                achados += [texto[max(0, m.start() - 30):m.end() + 10] for m in padrao.finditer(texto)]
        return achados
    return []


def _revelacoes(caminho: Path) -> list[str]:
    problemas = []
    for lugar, perguntas, texto in trechos(caminho):
        for pergunta in perguntas:
            for achado in formas_e_achados(pergunta, texto):
                if any(nome == pergunta.nome and trecho in achado
                       for nome, trecho in PERMITIDAS):
                    continue
                problemas.append(f"{pergunta.nome} ({lugar}): a resposta já aparece em …{achado!r}…")
    return problemas


def test_ha_conferencias_em_todas_as_licoes():
    for caminho in LICOES:
        assert trechos(caminho), caminho.name


@pytest.mark.parametrize("caminho", LICOES, ids=lambda c: c.stem[:2])
def test_nenhuma_resposta_a_vista_antes_da_pergunta(caminho):
    problemas = _revelacoes(caminho)
    assert not problemas, "\n".join(problemas)


def test_o_detector_acha_as_formas():
    """Controle negativo: cada forma de resposta é achada num texto que a contém."""
    from convaula.exercicios import nb01, nb02, nb03, nb04
    assert formas_e_achados(nb02.q2, "pela fórmula: 1216 | contados: 1216")
    assert not formas_e_achados(nb02.q2, "são 12160 pesos, ou 1,216,000 bytes, índice y[1216]")
    assert formas_e_achados(nb01.q1, "n - k + 1 = 5")
    assert not formas_e_achados(nb01.q1, "x = [5, 4, 8, 7, 9, 3, 6], k = 5")
    assert formas_e_achados(nb03.q3, "tamanho_saida | (2, 2) | PyTorch")
    assert formas_e_achados(nb03.q3, "uma saída $2 \\times 2$")
    assert formas_e_achados(nb03.q2, "saída: tensor([22., 41., 34., 15.])")
    assert formas_e_achados(nb03.q2, "a saída [22, 41, 34, 15]")
    assert not formas_e_achados(nb03.q2, "[22, 37, 41, 49, 34, 33, 15]")
    assert formas_e_achados(nb04.q3, "forma: (1, 18, 9)")
    assert formas_e_achados(nb03.q4, "sem dilatação -> [3, 5, 7]")
    assert formas_e_achados(nb03.q5, "os campos [3, 7, 15]")
    assert formas_e_achados(nb03.q4, "campo receptivo → 7")
    assert not formas_e_achados(nb03.q4, "entrada 5x5 -> saída 7x7, ou saída 7 por 7")
