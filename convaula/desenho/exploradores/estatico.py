"""A figura que um explorador deixa no notebook salvo, para quando não há kernel rodando.

Com kernel, o JupyterLab e o Notebook 7 mostram o widget (o tipo de saída mais rico). Sem
kernel (GitHub, nbviewer, o site do curso), o que aparece é a ``image/png`` do estado
inicial, com texto alternativo nos metadados da saída (``alt``, que o nbconvert usa). O PNG
não guarda data nem versão; o nbval ignora ``image/png`` e compara só o ``text/plain``, que
é o resumo determinístico do explorador.
"""

from __future__ import annotations

import ipywidgets as widgets

__all__ = ["pacote_com_imagem"]

TIPO_WIDGET = "application/vnd.jupyter.widget-view+json"


def pacote_com_imagem(painel: widgets.Widget, texto: str, png: bytes, alt: str):
    """(dados, metadados) de ``_repr_mimebundle_``: o widget, o PNG do estado atual e o texto.

    Parâmetros: ``painel`` (o widget mostrado), ``texto`` (o resumo em ``text/plain``),
    ``png`` (a figura do estado atual, com os mesmos bytes a cada execução), ``alt``.
    """
    dados = painel._repr_mimebundle_()
    dados = dict((dados[0] if isinstance(dados, tuple) else dados) or {})
    saida = {"text/plain": texto, "image/png": png}
    if TIPO_WIDGET in dados:
        saida[TIPO_WIDGET] = dados[TIPO_WIDGET]
    return saida, {"image/png": {"alt": alt}}
