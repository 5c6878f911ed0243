"""Configuração comum dos testes: matplotlib sem tela e modo CI nos notebooks."""

import os

import matplotlib

from convaula import config

# O modo CI (convaula.config.modo_ci): os kernels do nbval o herdam.
if config.ler("CONVAULA_CI") is None:
    os.environ["CONVAULA_CI"] = "1"
# Os kernels do nbval herdam este ambiente: que desenhem como no JupyterLab (inline), para as
# saídas reexecutadas terem as mesmas figuras que as versionadas.
os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
# Já o processo do pytest não tem tela.
matplotlib.use("Agg")
