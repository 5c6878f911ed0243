"""O explorador de canais como widget: ``Explorador`` + figura estática. Notebook 02.

O navegador desenha a cena de ``EstadoCanais`` (``canais.py``): cada canal de entrada, cada
fatia do filtro, o mapa de calor da soma parcial de cada canal e a saída; o ponteiro (ou o
clique, que fixa) numa saída acende a janela em todos os canais e mostra a conta de cada um.
Sliders C_in, C_out, n, kernel_size e os viéses vão ao Python; a entrada pode ser de inteiros
(o exemplo do 56) ou os canais R, G, B de um recorte da foto real.
"""

from __future__ import annotations

from ..base import png_da_figura
from ..esquemas import desenhar_multicanal
from .canais import EstadoCanais
from .cena import Explorador

__all__ = ["ExploradorCanais", "explorar_canais"]


class ExploradorCanais(Explorador):
    """O explorador de um ``EstadoCanais`` (``estado``)."""

    ALT = "Janelas de cada canal, fatias do filtro, somas parciais e a soma."

    def figura_estatica(self) -> bytes:
        e = self.estado
        o, i, j = e.saida
        return png_da_figura(desenhar_multicanal(e.x, e.w[o], posicao=(i, j)).figura)


def explorar_canais(c_in: int = 2, c_out: int = 1, n: int = 3, kernel_size: int = 2,
                    dados: str = "inteiros") -> ExploradorCanais:
    """Explorador de vários canais: a janela de cada canal vezes a sua fatia, parciais, viés e saída.

    Parâmetros: valores iniciais (C_in de 1 a 3, C_out de 1 a 2, n de 2 a 5, kernel_size de 1
    a 3) e ``dados`` ("inteiros" ou "foto"). Com os padrões, é o exemplo do notebook 02 (a
    saída (0, 0, 0) vale 56). Notebook 02.
    """
    estado = EstadoCanais()
    estado.mudar(c_in=c_in, c_out=c_out, n=n, kernel_size=kernel_size, dados=dados)
    return ExploradorCanais(estado)
