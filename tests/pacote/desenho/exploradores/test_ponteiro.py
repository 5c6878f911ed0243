"""O ponteiro no explorador 2D, com eventos simulados como os do ipyevents (pixel da imagem):
sobre a saída, a janela vai para lá; sobre um peso, acendem as células que ele multiplica."""

from convaula.desenho import explorar_conv2d


def _pixel(explorador, cx: float, cy: float) -> dict:
    """O evento do ipyevents para o ponto (cx, cy) em coordenadas do desenho."""
    desenho = explorador.desenho
    x, y = desenho.ax.transData.transform((cx, cy))
    _, altura = desenho.figura.canvas.get_width_height()
    return {"type": "mousemove", "dataX": x, "dataY": altura - y}


def test_saida_move_a_janela_e_peso_acende_as_compartilhadas():
    e = explorar_conv2d(n=7, kernel_size=3, padding=1, stride=2)
    d, png = e.desenho, bytes(e.imagem.value)
    e.ponteiro.ao_evento(_pixel(e, d.x0_saida + 2.5, d.y0_saida + 1.5))
    assert e.posicao.value == 6 and e.celula_destacada == (1, 2)
    assert "y[1, 2] = soma dos 9 produtos" in e.ponteiro.texto.value and bytes(e.imagem.value) != png
    r, c = e.estado.celulas_janela()[5]  # o peso (1, 2) da janela atual
    e.ponteiro.ao_evento(_pixel(e, c + 0.5, r + 0.5))
    assert e.estado.peso_destacado == (1, 2)
    acesas = [tuple(p.vertices[0][::-1]) for p in e.ponteiro.compartilhadas.get_paths()]
    assert acesas == [(float(i), float(j)) for i, j in e.estado.celulas_do_peso()] and len(acesas) == 16
    assert "peso w[1, 2]" in e.ponteiro.texto.value
    e.ponteiro.ao_evento({"type": "mouseleave"})
    assert e.estado.peso_destacado is None and e.ponteiro.compartilhadas.get_paths() == []


def test_ponteiro_sobrevive_a_mudancas_e_recusas():
    e = explorar_conv2d(n=4, kernel_size=3)
    e.sliders["dilation"].value = 3  # recusada: o ponteiro não faz nada
    e.ponteiro.ao_evento({"type": "mousemove", "dataX": 10, "dataY": 10})
    assert e.desenho is None and e.ponteiro.texto.value.endswith("></div>")
    e.sliders["dilation"].value = 1
    e.ponteiro.ao_evento(_pixel(e, e.desenho.x0_saida + 1.5, e.desenho.y0_saida + 0.5))
    assert e.celula_destacada == (0, 1)
    e.ponteiro.ao_evento({"type": "mousemove", "dataX": 0, "dataY": 0})  # canto: fora de tudo
    assert e.estado.peso_destacado is None
