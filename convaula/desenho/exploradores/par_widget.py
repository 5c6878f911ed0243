"""O explorador "transposta ao lado da convolução" como widget: ``Explorador`` + figura estática.

O navegador desenha a cena de ``EstadoPar`` (``par.py``): x, o núcleo e y = conv(x); a
entrada com zeros inseridos, o núcleo invertido e z = transposta(y), com a janela andando
sobre a entrada com zeros (Play, setas, ponteiro) e, com a caixa marcada, as contagens de
sobreposição como cores de z com legenda (o xadrez quando k não é múltiplo de s). Notebook 05.
"""

from __future__ import annotations

from ..base import png_da_figura
from ..par_transposta import desenhar_par_transposta
from .cena import Explorador
from .par import EstadoPar

__all__ = ["ExploradorPar", "explorar_par_transposta"]


class ExploradorPar(Explorador):
    """O explorador de um ``EstadoPar`` (``estado``)."""

    ALT = "A entrada, a saída da convolução, os zeros inseridos e a saída da transposta."

    def figura_estatica(self) -> bytes:
        e = self.estado
        contagens = e.sobreposicao() if e.contagens and not e.mensagem else None
        if e.mensagem:
            return b""
        return png_da_figura(desenhar_par_transposta(e.x, e.y, e.inserida, e.tipos, e.z, contagens).figura)


def explorar_par_transposta(n: int = 5, kernel_size: int = 3, stride: int = 2, padding: int = 1,
                            contagens: bool = False) -> ExploradorPar:
    """A convolução e a sua transposta com os mesmos k, s, p: n encolhe e volta; zeros inseridos à vista.

    ``contagens=True`` pinta cada célula da saída da transposta pelo número de cópias do
    núcleo que ela soma (o padrão de xadrez quando k não é múltiplo de s). Notebook 05.
    """
    estado = EstadoPar(n, kernel_size, stride, padding)
    estado.contagens = bool(contagens)
    return ExploradorPar(estado)
