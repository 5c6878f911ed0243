"""As peças da cena que o navegador desenha (JSON simples, sem widgets): painéis, controles, passos.

Um painel é uma grade ``linhas × colunas`` com um texto por célula (``textos``, na ordem de
varredura), cores de fundo opcionais (``fundos``) e textos apagados (``apagados``: padding,
corte); ou uma imagem (``tipo = "imagem"``, valores quantizados em uint16 little-endian, em
base64, sobre a faixa ``[mínimo, máximo]`` da própria imagem). Um passo é, para cada
painel, a lista das células que ele acende; listas de painéis diferentes com o mesmo tamanho
são paralelas (a posição m de "entrada" é lida pelo peso m de "nucleo"). É o formato lido por
``js/cena.js``. Todos os exploradores usam estas funções.
"""

from __future__ import annotations

import base64
import re
from contextlib import contextmanager

import numpy as np
import torch

from ..base import formatar

__all__ = ["COR_CORTE", "COR_NUCLEO", "COR_PADDING", "controle", "imagem", "notacao", "painel", "um_fio",
           "valores_da_imagem"]

COR_PADDING = "#e8e8e8"
COR_CORTE = "#d9d9d9"
COR_NUCLEO = "#fff2cc"


def notacao(mensagem: str) -> str:
    """A mensagem na notação do estudante: ``n[0]=16, padding[0]=0`` → ``n = 16, padding = 0``."""
    return re.sub(r"([A-Za-z_]+)(?:\[\d\])?=(?!=)", r"\1 = ", mensagem)


@contextmanager
def um_fio():
    """O torch com uma thread enquanto o explorador calcula: tensores pequenos não ganham com
    várias, e numa máquina ocupada a sincronização entre elas custa dezenas de ms por conta."""
    antes = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(antes)


def painel(ident: str, rotulo: str, tensor: torch.Tensor, linha: int = 0, fundos=None, apagados=None,
           textos=None, **extra) -> dict:
    """Uma grade: ``tensor`` (1D vira uma linha), textos por ``formatar`` (ou os dados)."""
    tensor = tensor.reshape(1, -1) if tensor.ndim == 1 else tensor
    plano = tensor.reshape(-1).tolist()
    dados = {"id": ident, "rotulo": rotulo, "linhas": int(tensor.shape[0]), "colunas": int(tensor.shape[1]),
             "textos": textos if textos is not None else [formatar(v) for v in plano], "linha": linha}
    if fundos is not None:
        dados["fundos"] = fundos
    if apagados is not None:
        dados["apagados"] = apagados
    return {**dados, **extra}


def imagem(ident: str, rotulo: str, valores: torch.Tensor, escala: tuple[float, float], linha: int = 0,
           fixa: bool = False) -> dict:
    """Uma imagem (H, W) com a escala de cinza (vmin, vmax), quantizada em uint16 na sua faixa.

    ``valor = faixa[0] + q·(faixa[1] − faixa[0]) / 65535`` para cada ``q`` (uint16, base64,
    little-endian): erro <= metade de um degrau, (faixa[1] − faixa[0]) / 131070, bem abaixo
    dos 3 decimais que a lupa mostra e de um nível de cinza. ``fixa`` (a foto de entrada, que
    nenhum controle muda) vai ao navegador uma vez só, fora da cena (``Explorador.fixas``).
    """
    v = valores.detach().cpu().to(torch.float64)
    a, b = float(v.min()), float(v.max())
    q = ((v - a) * (65535 / (b - a)) if b > a else torch.zeros_like(v)).round().to(torch.int32).numpy()
    bruto = np.ascontiguousarray(q.astype("<u2"))
    dados = {"id": ident, "rotulo": rotulo, "tipo": "imagem", "linhas": int(v.shape[0]),
             "colunas": int(v.shape[1]), "dados": base64.b64encode(bruto.tobytes()).decode(), "faixa": [a, b],
             "escala": [float(escala[0]), float(escala[1])], "linha": linha, "textos": []}
    if fixa:
        dados["fixa"] = True
    return dados


def valores_da_imagem(dados: dict) -> np.ndarray:
    """O inverso de ``imagem``: os valores (H, W) em float64 que o navegador decodifica."""
    q = np.frombuffer(base64.b64decode(dados["dados"]), "<u2").astype(np.float64)
    a, b = dados["faixa"]
    return (a + q * ((b - a) / 65535)).reshape(dados["linhas"], dados["colunas"])


def controle(nome: str, valor, minimo=None, maximo=None, rotulo: str | None = None, tipo: str = "intervalo",
             **extra) -> dict:
    """Um controle: "intervalo" (slider), "caixa" (checkbox), "lista", "pesos" ou "local"."""
    dados = {"nome": nome, "rotulo": rotulo or nome, "tipo": tipo, "valor": valor}
    if tipo == "intervalo":
        dados.update(min=min(minimo, valor), max=max(maximo, valor))
    return {**dados, **extra}
