"""Cada notebook (lições e soluções) roda duas vezes seguidas no mesmo *kernel*.

É o que o estudante faz ao rodar tudo de novo sem reiniciar o *kernel* ("Executar todas"
depois de já ter rodado): nenhuma célula pode depender de rodar uma vez só (um aviso que o
Python mostra uma vez por processo, uma variável apagada, um arquivo criado na primeira vez).
O modo CI (``CONVAULA_CI=1``, do ``conftest.py``) vale aqui como no ``nbval``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

RAIZ = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p for p in (RAIZ / "notebooks").rglob("[0-9][0-9]_*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)

pytestmark = pytest.mark.lento


@pytest.mark.parametrize("caminho", NOTEBOOKS, ids=lambda p: p.relative_to(RAIZ).as_posix())
def test_notebook_roda_duas_vezes_no_mesmo_kernel(caminho: Path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    nb = nbformat.read(caminho, as_version=4)
    cliente = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", store_widget_state=False,
        resources={"metadata": {"path": str(caminho.parent)}},
    )
    with cliente.setup_kernel():
        for rodada in (1, 2):
            for indice, celula in enumerate(nb.cells):
                try:
                    cliente.execute_cell(celula, indice)
                except (CellExecutionError, CellTimeoutError) as erro:
                    resumo = str(erro).strip().splitlines()[-1:] or [""]
                    pytest.fail(f"{caminho.name}: a célula {indice} falhou na {rodada}ª vez "
                                f"(no mesmo kernel): {resumo[0]}", pytrace=False)
