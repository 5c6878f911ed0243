"""A pergunta conferida: resposta de referência, equívocos diagnosticados, dica e solução.

``Pergunta`` é o único objeto que os notebooks usam: ``q(resposta)`` imprime o veredito,
``q.dica()`` e ``q.solucao()`` imprimem textos fixos. Tudo o que é impresso é determinístico
(o nbval compara as saídas). O *tipo* da resposta (``convaula.exercicios.tipos``) sabe
normalizar, comparar e explicar; a pergunta só decide o veredito. Notebooks 01 a 09.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any, Callable, Optional

from .registro import registrar_correcao
from .tipos import RespostaInvalida, Tipo

LARGURA = 100

__all__ = ["Equivoco", "Pergunta", "Resultado", "sem_resposta"]


@dataclass(frozen=True)
class Equivoco:
    """Um erro típico: código estável, diagnóstico em português e um exemplo que o provoca.

    ``valor`` é a resposta (errada) que esse equívoco produz nesta pergunta — para perguntas
    de código, uma função errada. ``predicado``, se dado, reconhece o equívoco numa resposta
    já normalizada (para equívocos com muitas respostas possíveis); ``valor`` continua
    obrigatório, porque os testes o usam como exemplo.
    """

    codigo: str
    diagnostico: str
    valor: Any
    predicado: Optional[Callable[[Any], bool]] = None


@dataclass(frozen=True)
class Resultado:
    """O veredito de uma conferência (``Pergunta.conferir``), sem nada impresso.

    ``situacao`` é ``"correta"``, ``"equivoco"``, ``"errada"``, ``"invalida"`` ou
    ``"sem_resposta"``; ``equivoco`` é o código do equívoco reconhecido (ou ``None``).
    """

    notebook: str
    pergunta: str
    situacao: str
    mensagem: str
    equivoco: Optional[str] = None

    @property
    def correta(self) -> bool:
        return self.situacao == "correta"

    @property
    def respondida(self) -> bool:
        return self.situacao != "sem_resposta"

    def __str__(self) -> str:
        return self.mensagem


def _vazia(*args: Any) -> None:
    ...


def sem_resposta(resposta: Any) -> bool:
    """``...`` (o que o notebook traz), ``None`` e uma função cujo corpo é só ``...`` (ou
    ``pass``) contam como "ainda sem resposta"."""
    if resposta is ... or resposta is None:
        return True
    codigo = getattr(resposta, "__code__", None)
    return codigo is not None and codigo.co_code == _vazia.__code__.co_code


def _paragrafos(texto: str) -> str:
    return "\n".join(textwrap.fill(p, LARGURA) for p in texto.strip().split("\n"))


class Pergunta:
    """Uma pergunta de notebook com resposta conferida e diagnóstico dos erros típicos.

    Parâmetros
    ----------
    notebook : número do notebook, ``"03"``.
    id : nome da pergunta no módulo do notebook, ``"q1"`` (o mesmo nome do atributo).
    enunciado : a pergunta numa frase (aparece na solução e no relatório do professor).
    tipo : como ler e comparar a resposta: ``Inteiro()``, ``Tupla(4)``, ``Real()``,
        ``Tensor()``, ``Alternativa(...)``, ``Codigo(...)``.
    resposta : a resposta de referência (para ``Codigo``, a função de referência).
    equivocos : os erros típicos, na ordem de prioridade (o primeiro que casar vence).
    dica, solucao : textos curtos; a solução mostra também a resposta de referência.
    aceitar : para perguntas de projeto com várias respostas certas, um predicado sobre a
        resposta normalizada; ``resposta`` continua sendo uma resposta aceita.
    explicar : ``explicar(valor) -> str``, uma frase sobre uma resposta errada sem equívoco
        conhecido (por exemplo, "com esses valores a saída teria 8"); o padrão é o do tipo.
    """

    def __init__(self, notebook: str, id: str, enunciado: str, tipo: Tipo, resposta: Any,
                 equivocos: tuple[Equivoco, ...] | list[Equivoco] = (), dica: str = "",
                 solucao: str = "", aceitar: Optional[Callable[[Any], bool]] = None,
                 explicar: Optional[Callable[[Any], str]] = None) -> None:
        self.notebook, self.id, self.enunciado = notebook, id, enunciado
        self.tipo, self.resposta, self.equivocos = tipo, resposta, tuple(equivocos)
        self._dica, self._solucao, self._aceitar = dica, solucao, aceitar
        self._explicar, self._referencia = explicar, None

    @property
    def nome(self) -> str:
        """Como o aluno chama a pergunta: ``nb03.q1``."""
        return f"nb{self.notebook}.{self.id}"

    def _ref(self) -> Any:
        if self._referencia is None:
            self._referencia = self.tipo.referencia(self.resposta)
        return self._referencia

    def _certa(self, valor: Any) -> bool:
        if self._aceitar is not None:
            return bool(self._aceitar(valor))
        return self.tipo.igual(valor, self._ref())

    def _equivoco(self, valor: Any) -> Optional[Equivoco]:
        for eq in self.equivocos:
            casou = (eq.predicado(valor) if eq.predicado is not None
                     else self.tipo.igual(valor, self.tipo.normalizar(eq.valor)))
            if casou:
                return eq
        return None

    def _resultado(self, situacao: str, texto: str, equivoco: Optional[str] = None) -> Resultado:
        return Resultado(self.notebook, self.id, situacao, _paragrafos(texto), equivoco)

    def conferir(self, resposta: Any) -> Resultado:
        """Confere sem imprimir nada; nunca levanta exceção por causa da resposta."""
        if sem_resposta(resposta):
            return self._resultado(
                "sem_resposta", f"… {self.nome}: ainda sem resposta; troque o ... pela "
                f"resposta e rode a célula (pista: {self.nome}.dica()).")
        try:
            valor = self.tipo.normalizar(resposta)
        except RespostaInvalida as erro:
            return self._resultado("invalida", f"⚠ {self.nome}: {erro}")
        if self._certa(valor):
            return self._resultado("correta", f"✓ {self.nome}: correto!")
        eq = self._equivoco(valor)
        if eq is not None:
            return self._resultado("equivoco", f"✗ {self.nome}: ainda não. {eq.diagnostico}",
                                   eq.codigo)
        diferenca = (self._explicar(valor) if self._explicar is not None
                     else self.tipo.explicar(valor, self._ref()))
        texto = f"✗ {self.nome}: ainda não. {diferenca + ' ' if diferenca else ''}"
        return self._resultado("errada", texto + f"Dica: {self._dica}")

    def __call__(self, resposta: Any) -> None:
        """Confere, imprime o veredito e, se o professor pediu, registra a correção."""
        resultado = self.conferir(resposta)
        print(resultado.mensagem)
        registrar_correcao(resultado)

    def dica(self) -> None:
        """Imprime a dica."""
        print(_paragrafos(f"Dica ({self.nome}): {self._dica}"))

    def solucao(self) -> None:
        """Imprime a solução comentada e a resposta de referência."""
        print(_paragrafos(f"Solução ({self.nome}): {self._solucao}"))
        print(f"Resposta: {self.tipo.formatar(self.resposta)}")

    def __repr__(self) -> str:
        return f"<Pergunta {self.nome}: {self.enunciado}>"
