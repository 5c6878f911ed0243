"""As peças da cena que o navegador desenha (JSON simples, sem widgets): painéis, controles, passos.

Um painel é uma grade ``linhas × colunas`` com um texto por célula (``textos``, na ordem de
varredura), cores de fundo opcionais (``fundos``) e textos apagados (``apagados``: padding,
corte); ou uma imagem (``tipo = "imagem"``, valores float32 em base64). Um passo é, para cada
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

__all__ = ["COR_CORTE", "COR_NUCLEO", "COR_PADDING", "controle", "imagem", "notacao", "painel", "um_fio"]

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


def imagem(ident: str, rotulo: str, valores: torch.Tensor, escala: tuple[float, float], linha: int = 0) -> dict:
    """Uma imagem (H, W) em float32 (base64, little-endian) com a escala de cinza (vmin, vmax)."""
    bruto = np.ascontiguousarray(valores.detach().cpu().numpy().astype("<f4"))
    return {"id": ident, "rotulo": rotulo, "tipo": "imagem", "linhas": int(valores.shape[0]),
            "colunas": int(valores.shape[1]), "dados": base64.b64encode(bruto.tobytes()).decode(),
            "escala": [float(escala[0]), float(escala[1])], "linha": linha, "textos": []}


def controle(nome: str, valor, minimo=None, maximo=None, rotulo: str | None = None, tipo: str = "intervalo",
             **extra) -> dict:
    """Um controle: "intervalo" (slider), "caixa" (checkbox), "lista", "pesos" ou "local"."""
    dados = {"nome": nome, "rotulo": rotulo or nome, "tipo": tipo, "valor": valor}
    if tipo == "intervalo":
        dados.update(min=min(minimo, valor), max=max(maximo, valor))
    return {**dados, **extra}
