"""Correção para o professor: executa cada notebook numa caixa de areia e decide aqui.

O notebook do aluno só *entrega valores*: as células de conferência são restauradas a
partir da lição (``licoes``), cada ``nbNN.qK(x)`` vira uma entrega do valor de ``x`` em JSON
(``valores``), e o notebook roda numa caixa de areia própria (``caixa``; bubblewrap no
Linux) com limites de memória, CPU, processos e saída. Os vereditos são calculados neste
processo, com os bancos de perguntas importados antes de qualquer código de aluno; uma
função do aluno roda noutra caixa, num processo novo, e só as saídas dela voltam. Nada que o
notebook imprima ou escreva marca uma resposta como certa. Uma entrega quebrada (JSON
inválido, pasta com nome de notebook, laço sem fim, kernel que morre, memória ou saída
demais) vira uma linha com o estado; a correção sempre termina e escreve ``correcao.csv`` e
``correcao.md``; os arquivos dos alunos nunca são alterados.
Uso: ``python3 curso.py corrigir CAMINHO... [--notebook NN] [--saida PASTA] [--tempo S]
[--trabalhadores N]``.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Sequence

from . import licoes as _licoes
from .caixa import Caixa, aquecer, escolher
from .codigo import Codigo, SaidasDeCodigo
from .registro import pergunta, perguntas
from .valores import CanalInvalido, FuncaoDoAluno, decodificar

__all__ = ["Entrega", "corrigir", "corrigir_notebook", "escrever_relatorios"]

COLUNAS = ["aluno", "notebook", "estado", "pergunta", "respondida", "correta", "situacao",
           "equivoco", "alertas", "mensagem"]
MAX_ARQUIVO = 50 << 20      # bytes de um notebook entregue
MAX_CANAL = 20 << 20        # bytes de respostas que um notebook pode entregar
ESTADOS_SEM_EXECUCAO = {"json_invalido", "notebook_invalido", "nao_e_arquivo", "ilegivel",
                        "grande_demais", "licao_desconhecida", "erro_da_correcao"}


@dataclass
class Entrega:
    """O resultado de um notebook: estado da execução e o veredito de cada pergunta.

    ``estado``: ``"executado"``, ``"com_erros"`` (alguma célula levantou exceção),
    ``"tempo_esgotado"``, ``"kernel_morreu"``, ``"memoria_esgotada"``, ``"saida_excessiva"``,
    ou, sem execução, ``"json_invalido"``, ``"notebook_invalido"``, ``"nao_e_arquivo"``,
    ``"ilegivel"``, ``"grande_demais"``, ``"licao_desconhecida"``, ``"erro_da_correcao"``.
    ``respostas``: pergunta -> dict com situacao, correta, respondida, equivoco, mensagem.
    ``alertas``: o que a correção não impede, mas mostra (lê a referência, cópia da solução,
    sem caixa de areia...).
    """

    aluno: str
    notebook: str
    estado: str
    detalhe: str = ""
    segundos: float = 0.0
    respostas: dict[str, dict] = field(default_factory=dict)
    alertas: list[str] = field(default_factory=list)
    cpu: float = 0.0  # segundos de CPU que o próprio notebook relatou (só para medir)


# ----------------------------------------------------------------------------------------
# Ler a entrega
# ----------------------------------------------------------------------------------------

def _ler(caminho: Path) -> tuple[Optional[dict], str, str]:
    """(notebook, estado, detalhe): o JSON validado, ou o estado que impede a correção."""
    if caminho.is_dir():
        return None, "nao_e_arquivo", "é uma pasta, não um notebook"
    try:
        if caminho.stat().st_size > MAX_ARQUIVO:
            return None, "grande_demais", f"mais de {MAX_ARQUIVO >> 20} MB"
        dados = caminho.read_bytes()
    except OSError as erro:
        return None, "ilegivel", type(erro).__name__
    try:
        nb = json.loads(dados.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as erro:
        return None, "json_invalido", type(erro).__name__
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return None, "notebook_invalido", "o JSON não tem a lista de células"
    for i, c in enumerate(nb["cells"], 1):
        if not isinstance(c, dict) or not isinstance(c.get("cell_type"), str):
            return None, "notebook_invalido", f"célula {i} sem tipo"
        fonte = c.get("source", "")
        if not (isinstance(fonte, str) or isinstance(fonte, list)
                and all(isinstance(x, str) for x in fonte)):
            return None, "notebook_invalido", f"célula {i}: a fonte não é texto"
    return nb, "", ""


def _alertas_estaticos(celulas: list, licao: Optional[_licoes.Licao], preparo) -> list[str]:
    alertas = []
    celulas_suspeitas = sorted({n for ns in preparo.suspeitas.values() for n in ns})
    if celulas_suspeitas:
        alertas.append("le_a_referencia (células " + ", ".join(map(str, celulas_suspeitas)) + ")")
    codigo = [" ".join(f.split()) for _, t, f in celulas if t == "code" and f.strip()]
    for l in _licoes.licoes():
        if l.solucoes and licao is not None and l.numero == licao.numero:
            da_solucao = [" ".join(f.split()) for _, t, f in l.celulas if t == "code" and f.strip()]
            if codigo == da_solucao:
                alertas.append("identica_a_solucao")
            elif licao is l:
                alertas.append("feita_sobre_o_notebook_de_solucoes")
    return alertas


# ----------------------------------------------------------------------------------------
# Executar e decidir
# ----------------------------------------------------------------------------------------

def _linhas_json(caminho: Path, limite: int = MAX_CANAL) -> tuple[list[Any], int]:
    """Os registros JSON de um arquivo escrito pela caixa (não confiável): (válidos, inválidos)."""
    if not caminho.is_file():
        return [], 0
    with caminho.open("rb") as arquivo:
        dados = arquivo.read(limite)
    validos, invalidos = [], 0
    for linha in dados.split(b"\n"):
        if not linha.strip():
            continue
        try:
            validos.append(json.loads(linha.decode("utf-8")))
        except (UnicodeDecodeError, ValueError, RecursionError):
            invalidos += 1
    return validos, invalidos


def _estado(fim: str, registros: list) -> tuple[str, str]:
    celulas = [r for r in registros if isinstance(r, dict)]
    ultima = max((r["celula"] for r in celulas if isinstance(r.get("celula"), int)), default=-1)
    erros = [r for r in celulas if isinstance(r.get("erro"), str) and isinstance(r.get("celula"), int)]
    memoria = any(r.get("memoria") is True for r in erros)
    if fim == "tempo":
        return "tempo_esgotado", f"passou do limite de tempo (na célula de código {ultima + 1})"
    if any(r.get("saida_excessiva") is True for r in celulas):
        return "saida_excessiva", f"imprimiu demais (célula de código {ultima + 1})"
    if memoria:
        return "memoria_esgotada", "passou do limite de memória"
    if fim != "ok" or not any(r.get("fim") is True for r in celulas):
        return "kernel_morreu", f"o Python parou no meio da execução (célula de código {ultima + 1})"
    if erros:
        return "com_erros", "; ".join(f"célula de código {r['celula'] + 1} ({r['erro'][:40]})"
                                      for r in erros[:10])
    return "executado", ""


def _valores(registros: list, numero: str) -> tuple[dict[str, Any], int]:
    """pergunta -> valor entregue (o último vale); e quantos registros fora do formato."""
    saida, ruins = {}, 0
    for r in registros:
        try:
            if not isinstance(r, dict) or r.get("notebook") != numero or \
                    not isinstance(r.get("pergunta"), str) or pergunta(numero, r["pergunta"]) is None:
                raise CanalInvalido("registro fora do formato")
            saida[r["pergunta"]] = decodificar(r.get("valor"))
        except (CanalInvalido, ValueError, TypeError, RuntimeError, OverflowError, RecursionError):
            ruins += 1
    return saida, ruins


def _rodar_codigo(caixa: Caixa, q, funcao: FuncaoDoAluno, tempo: float) -> Any:
    """Roda a função do aluno num processo novo, numa caixa; devolve ``SaidasDeCodigo`` ou um
    texto que explica por que não deu."""
    tipo: Codigo = q.tipo
    with tempfile.TemporaryDirectory(prefix="convaula-codigo-") as pasta:
        (Path(pasta) / "codigo.json").write_text(json.dumps(
            {"notebook": q.notebook, "pergunta": q.id, "fonte": funcao.fonte, "nome": funcao.nome}))
        limite = tipo.segundos * len(tipo.casos) + 30
        fim, _ = caixa.rodar("codigo", Path(pasta), min(tempo, limite))
        registros, _ = _linhas_json(Path(pasta) / "saidas.json")
    registro = registros[0] if registros and isinstance(registros[0], dict) else {}
    resultados = registro.get("resultados")
    if fim == "tempo":
        return SaidasDeCodigo([("tempo", 0)] * len(tipo.casos))
    if not isinstance(resultados, list) or not resultados or len(resultados) > len(tipo.casos):
        if "reconstruir" in registro:
            return (f"não consegui recriar sua função fora do notebook: defina-a com def, numa "
                    f"célula, com os import de que ela precisa.")
        return "sua função derrubou o processo em que rodava (memória demais ou os._exit?)."
    saidas = []
    for item in resultados:
        if not (isinstance(item, list) and len(item) == 2 and item[0] in
                ("ok", "tempo", "saida", "excecao", "none", "retorno")):
            return "a execução da sua função devolveu algo fora do formato."
        falha, detalhe = item
        if falha == "ok":
            valor = decodificar(detalhe)
            if not hasattr(valor, "shape"):
                return "a execução da sua função devolveu algo fora do formato."
            import torch

            detalhe = torch.as_tensor(valor).to(torch.float64)
        elif falha == "excecao":
            if not (isinstance(detalhe, list) and len(detalhe) == 2 and all(isinstance(x, str) for x in detalhe)):
                return "a execução da sua função devolveu algo fora do formato."
            detalhe = tuple(detalhe)
        elif falha in ("tempo", "saida"):
            detalhe = detalhe if isinstance(detalhe, int) and not isinstance(detalhe, bool) else 0
        elif falha == "retorno":
            detalhe = detalhe if isinstance(detalhe, str) else "um valor"
        saidas.append((falha, detalhe))
    return SaidasDeCodigo(saidas)


def _veredito(q, valor: Any, caixa: Caixa, tempo: float) -> dict:
    if isinstance(valor, FuncaoDoAluno) and isinstance(q.tipo, Codigo) and not valor.vazia:
        valor = _rodar_codigo(caixa, q, valor, tempo)
        if isinstance(valor, str):
            return {"situacao": "invalida", "respondida": True, "correta": False,
                    "equivoco": "", "mensagem": f"⚠ {q.nome}: {valor}"}
    r = q.conferir(valor)
    return {"situacao": r.situacao, "respondida": r.respondida, "correta": r.correta,
            "equivoco": r.equivoco or "", "mensagem": r.mensagem}


def _executar(caixa: Caixa, fontes: list[str], tempo: float) -> tuple:
    with tempfile.TemporaryDirectory(prefix="convaula-correcao-") as pasta:
        trabalho = Path(pasta)
        (trabalho / "entrada.json").write_text(json.dumps({"celulas": fontes}), encoding="utf-8")
        fim, segundos = caixa.rodar("notebook", trabalho, tempo)
        estado_reg, _ = _linhas_json(trabalho / "estado.jsonl")
        respostas, invalidos = _linhas_json(trabalho / "respostas.jsonl")
    estado, detalhe = _estado(fim, estado_reg)
    cpu = next((r.get("cpu") for r in estado_reg if isinstance(r, dict) and r.get("fim") is True
                and isinstance(r.get("cpu"), (int, float))), 0.0)
    return estado, detalhe, respostas, invalidos, segundos, float(cpu)


def corrigir_notebook(caminho: Path | str, tempo: float = 120.0, aluno: str | None = None,
                      notebook: str | None = None, caixa: Caixa | None = None) -> Entrega:
    """Corrige um notebook (nunca levanta exceção; o arquivo não é alterado)."""
    caminho = Path(caminho)
    aluno = aluno or caminho.stem
    try:
        caixa = caixa or escolher()
        return _corrigir(caminho, tempo, aluno, notebook, caixa)
    except Exception as erro:  # noqa: BLE001 — uma entrega nunca para a correção da turma
        return Entrega(aluno, notebook or "??", "erro_da_correcao", type(erro).__name__)


def _corrigir(caminho: Path, tempo: float, aluno: str, notebook: Optional[str], caixa: Caixa) -> Entrega:
    nb, estado, detalhe = _ler(caminho)
    if nb is None:
        return Entrega(aluno, notebook or "??", estado, detalhe)
    celulas = _licoes.celulas_de_codigo(nb)
    licao = _licoes.identificar(celulas, notebook)
    if licao is None and notebook is None:
        return Entrega(aluno, "??", "licao_desconhecida", "nenhuma célula de conferência de uma "
                       "lição do curso; diga qual é com --notebook NN")
    numero = licao.numero if licao is not None else notebook
    preparo = _licoes.preparar(celulas, licao, numero)
    entrega = Entrega(aluno, numero, "", alertas=_alertas_estaticos(celulas, licao, preparo))
    if licao is None:
        entrega.alertas.append("sem_ids_da_licao (conferências tiradas do próprio notebook)")
    if caixa.tipo != "bubblewrap":
        entrega.alertas.append("sem_caixa_de_areia")
    entrega.estado, entrega.detalhe, registros, invalidos, segundos, entrega.cpu = _executar(
        caixa, preparo.celulas, tempo)
    entrega.segundos = round(segundos, 1)
    valores, ruins = _valores(registros, numero)
    if invalidos + ruins:
        entrega.alertas.append(f"canal_com_lixo ({invalidos + ruins} registros ignorados)")
    for q in perguntas(numero):
        if q.id in valores:
            entrega.respostas[q.id] = _veredito(q, valores[q.id], caixa, tempo)
            if q.id in preparo.suspeitas:
                entrega.respostas[q.id]["alerta"] = "le_a_referencia"
    return entrega


# ----------------------------------------------------------------------------------------
# Relatórios
# ----------------------------------------------------------------------------------------

def _linhas(entrega: Entrega) -> list[dict]:
    """Uma linha por pergunta do banco do notebook (as nunca entregues ficam "ausente"); uma
    só, sem pergunta, se a entrega nem chegou a rodar."""
    alertas = "; ".join(entrega.alertas)
    base = {"aluno": entrega.aluno, "notebook": entrega.notebook, "estado": entrega.estado}
    if entrega.estado in ESTADOS_SEM_EXECUCAO:
        return [dict(base, pergunta="", respondida=False, correta=False, situacao="",
                     equivoco="", alertas=alertas, mensagem=entrega.detalhe)]
    saida = []
    for q in perguntas(entrega.notebook):
        r = entrega.respostas.get(q.id, {})
        saida.append(dict(base, pergunta=q.id, respondida=bool(r.get("respondida", False)),
                          correta=bool(r.get("correta", False)),
                          situacao=r.get("situacao", "ausente"), equivoco=r.get("equivoco", ""),
                          alertas="; ".join(x for x in (r.get("alerta", ""),) if x),
                          mensagem=" ".join(r.get("mensagem", "").split())))
    if saida:
        saida[0]["alertas"] = "; ".join(x for x in (alertas, saida[0]["alertas"]) if x)
    return saida


def _certas(entrega: Entrega) -> tuple[int, int]:
    linhas = [l for l in _linhas(entrega) if l["pergunta"]]
    return sum(l["correta"] for l in linhas), len(linhas)


def _celula_md(texto: str) -> str:
    return str(texto).replace("|", "\\|").replace("\n", " ")


def _markdown(entregas: Sequence[Entrega], aviso: str = "") -> str:
    partes = ["# Correção dos exercícios conferidos", ""]
    if aviso:
        partes += [f"> {aviso}", ""]
    for e in entregas:
        certas, total = _certas(e)
        partes += [f"## {_celula_md(e.aluno)} (notebook {e.notebook})", "",
                   f"Execução: **{e.estado}**" + (f" — {_celula_md(e.detalhe)}" if e.detalhe else "")
                   + (f"; {certas} de {total} corretas." if total else "."), ""]
        if e.alertas:
            partes += ["Alertas: " + _celula_md("; ".join(e.alertas)), ""]
        linhas = [l for l in _linhas(e) if l["pergunta"]]
        if linhas:
            partes += ["| pergunta | respondida | correta | situação | equívoco | mensagem |",
                       "|---|---|---|---|---|---|"]
            partes += [f"| {l['pergunta']} | {'sim' if l['respondida'] else 'não'} | "
                       f"{'sim' if l['correta'] else 'não'} | {l['situacao']} | {l['equivoco']} | "
                       f"{_celula_md(l['mensagem'])} |" for l in linhas]
            partes.append("")
    return "\n".join(partes)


def escrever_relatorios(entregas: Sequence[Entrega], pasta: Path | str,
                        aviso: str = "") -> tuple[Path, Path]:
    """Escreve ``correcao.csv`` e ``correcao.md`` em ``pasta``; devolve os dois caminhos."""
    pasta = Path(pasta)
    pasta.mkdir(parents=True, exist_ok=True)
    planilha, texto = pasta / "correcao.csv", pasta / "correcao.md"
    with planilha.open("w", newline="", encoding="utf-8") as arquivo:
        escritor = csv.DictWriter(arquivo, fieldnames=COLUNAS)
        escritor.writeheader()
        for e in entregas:
            escritor.writerows(_linhas(e))
    texto.write_text(_markdown(entregas, aviso), encoding="utf-8")
    return planilha, texto


def _notebooks(caminhos: Sequence[Path | str]) -> list[Path]:
    saida = []
    for c in map(Path, caminhos):
        if c.is_dir() and c.suffix != ".ipynb":
            saida += sorted(p for p in c.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        else:
            saida.append(c)
    return list(dict.fromkeys(saida))


def _nome_do_aluno(caminho: Path, caminhos: Sequence[Path]) -> str:
    """A pasta do aluno e o arquivo (``joana/03_...``); só o arquivo se não houver pasta."""
    return f"{caminho.parent.name}/{caminho.stem}" if len({p.parent for p in caminhos}) > 1 \
        else caminho.stem


def corrigir(caminhos: Sequence[Path | str], saida: Path | str = "correcao",
             tempo: float = 120.0, notebook: str | None = None,
             trabalhadores: int | None = None, sem_caixa: bool = False) -> list[Entrega]:
    """Corrige notebooks (ou pastas com notebooks), em paralelo, e escreve os relatórios."""
    for q in perguntas():  # as referências e os equívocos, antes de qualquer código de aluno
        q._ref()
        q._normalizados()
    _licoes.licoes()
    notebooks = _notebooks(caminhos)
    if not notebooks:
        print("[corrigir] nenhum notebook (.ipynb) encontrado em " +
              ", ".join(map(str, caminhos)), flush=True)
        escrever_relatorios([], saida)
        return []
    pastas = {p.parent for p in notebooks} | {Path(c) for c in caminhos if Path(c).is_dir()}
    caixa = escolher([*pastas, Path(saida)], sem_caixa=sem_caixa)
    if caixa.aviso:
        print(f"[corrigir] {caixa.aviso}", flush=True)
    else:
        print(f"[corrigir] caixa de areia: bubblewrap ({len(notebooks)} notebooks)", flush=True)
    aquecer(_licoes.importados())
    trabalhadores = max(1, trabalhadores or os.cpu_count() or 1)
    entregas: list[Entrega] = []
    try:
        with ThreadPoolExecutor(trabalhadores) as grupo:
            futuros = [grupo.submit(corrigir_notebook, c, tempo, _nome_do_aluno(c, notebooks),
                                    notebook, caixa) for c in notebooks]
            for futuro in futuros:
                entrega = futuro.result()
                certas, total = _certas(entrega)
                print(f"[corrigir] {entrega.aluno}: {entrega.estado}"
                      + (f", {certas} de {total} corretas" if total else "")
                      + f" ({entrega.segundos:g} s)", flush=True)
                entregas.append(entrega)
    finally:
        planilha, texto = escrever_relatorios(entregas, saida, caixa.aviso)
        print(f"[corrigir] relatórios: {planilha} e {texto}", flush=True)
    return entregas
