// O desenho dos exploradores do convaula no navegador (anywidget: módulo ES, sem compilação).
//
// O Python calcula tudo (tamanhos por convaula.formulas, a regra da janela por convaula.janela,
// os valores pelo torch) e manda uma "cena" em JSON: os controles, a fórmula, a mensagem de
// recusa, os painéis (grades com textos e cores, ou imagens) e os passos (para cada passo, as
// células que ele acende em cada painel, em listas paralelas: a posição m da lista "entrada"
// é lida pelo peso m da lista "nucleo"). Aqui só se desenha (em canvas) e se responde ao
// ponteiro, ao clique, ao teclado e ao Play, sem esperar o kernel. Um parâmetro mudado vai ao
// Python como {nome, valor} no traço "pedido" e volta como uma cena nova (uma ida e volta).
//
// No site (sem kernel), convaula_site.js monta o mesmo desenho com um modelo local: o ponteiro
// e os passos funcionam; os parâmetros mostram "rode o notebook para mudar os parâmetros".

const FONTE_PX = 12; // todo número e rótulo tem pelo menos 11 px na tela

function el(tag, atributos = {}, pai = null) {
  const no = document.createElement(tag);
  for (const [k, v] of Object.entries(atributos)) {
    if (k === "texto") no.textContent = v;
    else no.setAttribute(k, v);
  }
  if (pai) pai.appendChild(no);
  return no;
}

// as marcas das células: [fundo, borda, espessura]
const ESTILOS = {
  janela: ["#cfe2ff", "#1f5fbf", 2.5],
  atual: ["#ffd966", "#b45f06", 3],
  leitora: ["#f4cccc", "#cc0000", 2.5],
  peso: ["#fce5cd", "#e69138", 3],
};

const DECODIFICADAS = new Map(); // id do painel → [texto base64, Float32Array]: a entrada não muda

function valoresImagem(d) {
  const guardada = DECODIFICADAS.get(d.id);
  if (guardada && guardada[0] === d.dados) return guardada[1];
  const valores = decodificar(d.dados, d.faixa);
  DECODIFICADAS.set(d.id, [d.dados, valores]);
  return valores;
}

function decodificar(texto, [a, b]) {
  // uint16 little-endian sobre a faixa [a, b] da imagem (paineis.imagem no Python)
  const bin = atob(texto), n = bin.length >> 1, valores = new Float32Array(n), degrau = (b - a) / 65535;
  for (let k = 0; k < n; k++) valores[k] = a + (bin.charCodeAt(2 * k) | (bin.charCodeAt(2 * k + 1) << 8)) * degrau;
  return valores;
}

function expandir(cena, fixas) {
  // a cena do fio (cena.para_o_fio): refaz os passos compactados e põe de volta as imagens fixas
  if (cena.passos_compactos && !cena.passos) {
    const { total, paineis } = cena.passos_compactos, passos = Array.from({ length: total }, () => ({}));
    for (const [id, p] of Object.entries(paineis)) {
      for (let t = 0; t < total; t++) {
        const lista = p.listas ? p.listas[t] : p.desloc.map((d) => p.base[t] + d);
        if (lista) passos[t][id] = lista;
      }
    }
    cena.passos = passos;
  }
  for (const p of cena.paineis || []) if (p.fixa && !p.dados && fixas && fixas[p.id]) p.dados = fixas[p.id];
  return cena;
}

function corCalor(v, maximo) {
  // azul (negativo) – branco (0) – vermelho (positivo), como os mapas do CNN Explainer
  const t = maximo > 0 ? Math.max(-1, Math.min(1, v / maximo)) : 0;
  const a = Math.round(255 * (1 - Math.abs(t)));
  return t >= 0 ? `rgb(255,${a},${a})` : `rgb(${a},${a},255)`;
}

function fmt(v) {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(3).replace(/\.?0+$/, "");
}

class Painel {
  // Uma grade (ou uma imagem), cada uma num canvas, com as suas células.
  constructor(dados, pai, vista) {
    this.d = dados;
    this.vista = vista;
    const caixa = el("figure", { class: "convaula-painel", "data-painel": dados.id }, pai);
    el("figcaption", { texto: dados.rotulo }, caixa);
    if (dados.tipo === "imagem") this.montarImagem(caixa);
    else this.montarGrade(caixa);
    if (dados.legenda) {
      const leg = el("div", { class: "convaula-legenda" }, caixa);
      for (const [cor, texto] of dados.legenda) {
        const item = el("span", {}, leg);
        el("span", { class: "convaula-amostra", style: `background:${cor}` }, item);
        el("span", { texto }, item);
      }
    }
  }

  montarGrade(caixa) {
    // uma grade é um canvas só (com os textos a FONTE_PX): milhares de nós SVG com texto custavam
    // dezenas de ms de estilo e pintura a cada cena nova; o canvas inteiro se repinta em ~1 ms
    const d = this.d, maior = Math.max(1, ...d.textos.map((t) => String(t).length));
    const lado = (this.lado = Math.max(26, Math.ceil(10 + 7.4 * maior)));
    const largura = (this.largura = d.colunas * lado + 2), altura = (this.altura = d.linhas * lado + 2);
    const dpr = globalThis.devicePixelRatio || 1;
    const canvas = (this.canvas = el("canvas", { width: Math.round(largura * dpr), height: Math.round(altura * dpr),
      class: "convaula-grade", role: "img", "aria-label": d.rotulo, "data-lado": lado, "data-colunas": d.colunas,
      style: `width:${largura}px;height:${altura}px` }, caixa));
    this.ctx = canvas.getContext("2d");
    this.ctx.scale(dpr, dpr);
    this.caixa = caixa;
    this.maximo = d.cor === "calor" ? Math.max(...d.valores.map(Math.abs)) : 0;
    this.marcas = new Map();
    this.pintarGrade();
    const ponto = (ev) => {
      const r = canvas.getBoundingClientRect(), escala = r.width / largura || 1;
      const c = Math.floor(((ev.clientX - r.left) / escala - 1) / lado), l = Math.floor(((ev.clientY - r.top) / escala - 1) / lado);
      return c < 0 || l < 0 || c >= d.colunas || l >= d.linhas ? null : l * d.colunas + c;
    };
    canvas.addEventListener("mousemove", (ev) => {
      const k = ponto(ev);
      if (k === null) return;
      if (k !== this.sob) { this.sob = k; this.vista.sobre(d.id, k); }
    });
    canvas.addEventListener("click", (ev) => { const k = ponto(ev); if (k !== null) this.vista.clicar(d.id, k); });
    canvas.addEventListener("mouseleave", () => { this.sob = null; this.vista.sair(); });
  }

  pintarGrade() {
    // as células sem marca primeiro, as marcadas por cima (a borda grossa não some sob a vizinha)
    const d = this.d, ctx = this.ctx, lado = this.lado;
    ctx.clearRect(0, 0, this.largura, this.altura);
    ctx.font = `${FONTE_PX}px monospace`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    const celula = (k, estilo) => {
      const x = (k % d.colunas) * lado + 1, y = Math.floor(k / d.colunas) * lado + 1;
      const fundo = estilo ? estilo[0] : d.fundos ? d.fundos[k] : d.cor === "calor" ? corCalor(d.valores[k], this.maximo) : "#ffffff";
      ctx.fillStyle = fundo;
      ctx.fillRect(x, y, lado, lado);
      ctx.strokeStyle = estilo ? estilo[1] : "#888";
      ctx.lineWidth = estilo ? estilo[2] : 1;
      ctx.strokeRect(x, y, lado, lado);
      const t = String(d.textos[k] ?? "");
      if (t === "") return;
      ctx.fillStyle = d.apagados && d.apagados[k] ? "#5f5f5f"
        : !estilo && d.cor === "calor" && d.valores[k] < -0.55 * this.maximo ? "#fff" : "#111";
      ctx.fillText(t, x + lado / 2, y + lado / 2 + 0.5);
    };
    for (let k = 0; k < d.linhas * d.colunas; k++) if (!this.marcas.has(k)) celula(k, null);
    for (const [k, classe] of this.marcas) celula(k, ESTILOS[classe]);
    // o que está aceso, também para quem lê o DOM (e o teste): "leitora:25 peso:1"
    const contagem = {};
    for (const classe of this.marcas.values()) contagem[classe] = (contagem[classe] || 0) + 1;
    this.caixa.dataset.acesas = Object.entries(contagem).sort().map(([c, n]) => `${c}:${n}`).join(" ");
  }

  montarImagem(caixa) {
    const d = this.d;
    const canvas = (this.canvas = el("canvas", { width: d.colunas, height: d.linhas, class: "convaula-imagem",
      role: "img", "aria-label": d.rotulo }, caixa));
    this.valores = valoresImagem(d);
    this.moldura = el("div", { class: "convaula-moldura" }, caixa);
    caixa.classList.add("com-imagem");
    this.pintarImagem();
    const ponto = (ev) => {
      const r = canvas.getBoundingClientRect();
      const j = Math.floor(((ev.clientX - r.left) * d.colunas) / r.width);
      const i = Math.floor(((ev.clientY - r.top) * d.linhas) / r.height);
      return Math.min(d.linhas - 1, Math.max(0, i)) * d.colunas + Math.min(d.colunas - 1, Math.max(0, j));
    };
    canvas.addEventListener("mousemove", (ev) => this.vista.sobre(d.id, ponto(ev)));
    canvas.addEventListener("click", (ev) => this.vista.clicar(d.id, ponto(ev)));
    canvas.addEventListener("mouseleave", () => this.vista.sair());
  }

  pintarImagem() {
    const d = this.d, v = this.valores;
    let [vmin, vmax] = d.escala;
    if (this.vista.contraste) {
      vmin = Infinity; vmax = -Infinity;
      for (const x of v) { if (x < vmin) vmin = x; if (x > vmax) vmax = x; }
      if (vmax <= vmin) vmax = vmin + 1;
    }
    const ctx = this.canvas.getContext("2d"), img = ctx.createImageData(d.colunas, d.linhas);
    const escala = 255 / (vmax - vmin);
    for (let k = 0; k < v.length; k++) {
      const g = Math.max(0, Math.min(255, Math.round((v[k] - vmin) * escala)));
      img.data[4 * k] = img.data[4 * k + 1] = img.data[4 * k + 2] = g;
      img.data[4 * k + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    this.faixa = [vmin, vmax];
  }

  marcar(marcas) {
    // marcas: Map k -> classe ("janela", "atual", "leitora", "peso"); só o que mudou é tocado
    if (this.d.tipo === "imagem") return this.marcarImagem(marcas);
    const antes = this.marcas;
    if (antes.size === marcas.size && [...marcas].every(([k, classe]) => antes.get(k) === classe)) return;
    this.marcas = marcas;
    this.pintarGrade();
  }

  marcarImagem(marcas) {
    const ks = [...marcas.keys()];
    if (!ks.length) { this.moldura.style.display = "none"; return; }
    const d = this.d, linhas = ks.map((k) => Math.floor(k / d.colunas)), colunas = ks.map((k) => k % d.colunas);
    const r = this.canvas.getBoundingClientRect(), px = r.width / d.colunas || 1;
    const i0 = Math.min(...linhas), j0 = Math.min(...colunas);
    Object.assign(this.moldura.style, { display: "block", left: `${this.canvas.offsetLeft + j0 * px}px`,
      top: `${this.canvas.offsetTop + i0 * px}px`, width: `${(Math.max(...colunas) - j0 + 1) * px}px`,
      height: `${(Math.max(...linhas) - i0 + 1) * px}px` });
  }
}

class Vista {
  constructor(model, el_, site) {
    this.model = model;
    this.site = site;
    this.raiz = el("div", { class: "convaula-explorador" }, el_);
    this.contraste = false;
    this.fixo = null; // o passo escolhido com clique ou teclado (o ponteiro só mostra)
    this.tocando = null;
    this.montar();
    model.on("change:cena", () => {
      // a hora em que a cena nova chegou: o teste separa o desenho da ida e volta ao kernel
      globalThis.convaulaCenaChegou = performance.now();
      this.montar();
    });
  }

  get cena() { return expandir(this.model.get("cena"), this.model.get("fixas")); }

  ePasso(id) { const c = this.cena; return (c.paineis_passo || [c.painel_passo]).includes(id); }

  pedir(nome, valor) {
    if (this.site) {
      this.aviso.textContent = "rode o notebook para mudar os parâmetros";
      this.aviso.classList.add("visivel");
      this.montarControles();
      return;
    }
    this.model.set("pedido", { nome, valor, vez: (this.model.get("pedido").vez || 0) + 1 });
    this.model.save_changes();
  }

  montar() {
    const c = this.cena;
    this.raiz.className = `convaula-explorador convaula-${c.tipo}` + (c.mensagem ? " recusado" : "");
    this.raiz.replaceChildren();
    this.controles = el("div", { class: "convaula-controles" }, this.raiz);
    // rola de lado quando a linha não cabe (nunca quebra): focável, para rolar pelo teclado
    this.formula = el("div", { class: "convaula-formula", tabindex: 0, role: "group", "aria-label": "fórmula" },
      this.raiz);
    this.aviso = el("div", { class: "convaula-mensagem", role: "status" }, this.raiz);
    this.passador = el("div", { class: "convaula-passos" }, this.raiz);
    this.texto = el("div", { class: "convaula-texto", "aria-live": "polite" }, this.raiz); // a conta, acima da figura
    this.figura = el("div", { class: "convaula-figura", tabindex: 0, role: "group",
      "aria-label": "figura do explorador: setas mudam o passo" }, this.raiz);
    this.montarControles();
    for (const linha of c.formula || []) el("div", { texto: linha }, this.formula);
    if (c.mensagem) { this.aviso.textContent = `⚠ ${c.mensagem}`; this.aviso.classList.add("visivel"); }
    this.figura.classList.toggle("recusada", Boolean(c.mensagem));
    const linhas = new Map();
    this.paineis = {};
    for (const p of c.paineis) {
      if (!linhas.has(p.linha || 0)) linhas.set(p.linha || 0, el("div", { class: "convaula-linha" }, this.figura));
      this.paineis[p.id] = new Painel(p, linhas.get(p.linha || 0), this);
    }
    if (c.mensagem) el("div", { class: "convaula-x", "aria-hidden": "true" }, this.figura);
    if (c.lupa) this.lupa = el("div", { class: "convaula-lupa" }, this.figura);
    this.montarPassador();
    this.figura.addEventListener("keydown", (ev) => this.tecla(ev));
    this._indice = null; // quem lê cada célula: feito logo depois do desenho (ou no primeiro uso)
    this.mostrar(Math.min(c.passo || 0, this.total - 1));
    const cena = c;
    const depois = globalThis.requestIdleCallback || ((f) => setTimeout(f, 50));
    depois(() => { if (this.cena === cena) void this.indice; }, { timeout: 300 });
  }

  montarControles() {
    const c = this.cena, caixa = this.controles;
    caixa.replaceChildren();
    for (const ctl of c.controles || []) {
      const rotulo = el("label", { class: `convaula-controle tipo-${ctl.tipo}` }, caixa);
      if (ctl.tipo === "intervalo") {
        el("span", { class: "nome", texto: ctl.rotulo }, rotulo);
        const entrada = el("input", { type: "range", name: ctl.nome, min: ctl.min, max: ctl.max, step: ctl.passo || 1,
          value: ctl.valor, "aria-label": ctl.rotulo }, rotulo);
        const leitura = el("output", { texto: ctl.valor }, rotulo);
        if (ctl.travado) { entrada.disabled = true; rotulo.classList.add("desativado"); rotulo.title = ctl.travado; }
        entrada.addEventListener("input", () => { leitura.textContent = entrada.value; });
        entrada.addEventListener("change", () => this.pedir(ctl.nome, Number(entrada.value)));
      } else if (ctl.tipo === "caixa") {
        const entrada = el("input", { type: "checkbox", name: ctl.nome }, rotulo);
        entrada.checked = ctl.valor;
        el("span", { class: "nome", texto: ctl.rotulo }, rotulo);
        entrada.addEventListener("change", () => this.pedir(ctl.nome, entrada.checked));
      } else if (ctl.tipo === "lista") {
        el("span", { class: "nome", texto: ctl.rotulo }, rotulo);
        const lista = el("select", { name: ctl.nome }, rotulo);
        for (const op of ctl.opcoes) el("option", { value: op, texto: op }, lista);
        lista.value = ctl.valor;
        lista.addEventListener("change", () => this.pedir(ctl.nome, lista.value));
      } else if (ctl.tipo === "pesos") {
        el("span", { class: "nome", texto: ctl.rotulo }, rotulo);
        const grade = el("span", { class: "convaula-pesos", style: `grid-template-columns:repeat(${ctl.colunas}, 64px)` }, rotulo);
        ctl.valores.forEach((v, k) => {
          const caixaPeso = el("input", { type: "number", step: "0.1", value: v, name: `peso-${k}`,
            "aria-label": `peso (${Math.floor(k / ctl.colunas)}, ${k % ctl.colunas})` }, grade);
          caixaPeso.addEventListener("change", () => this.pedir("peso", [k, Number(caixaPeso.value)]));
        });
      } else if (ctl.tipo === "local") { // só muda o desenho: não vai ao Python
        const entrada = el("input", { type: "checkbox", name: ctl.nome }, rotulo);
        entrada.checked = this.contraste;
        el("span", { class: "nome", texto: ctl.rotulo }, rotulo);
        entrada.addEventListener("change", () => {
          this.contraste = entrada.checked;
          for (const p of Object.values(this.paineis)) if (p.d.tipo === "imagem") p.pintarImagem();
          this.mostrar(this.atual);
        });
      }
    }
  }

  montarPassador() {
    const c = this.cena;
    this.total = c.passos ? c.passos.length : 1;
    if (!c.passos || this.total <= 1 || c.lupa) return;
    const caixa = this.passador;
    const anterior = el("button", { type: "button", "aria-label": "passo anterior", texto: "◀" }, caixa);
    this.play = el("button", { type: "button", class: "play", "aria-label": "tocar", texto: "▶ tocar" }, caixa);
    const seguinte = el("button", { type: "button", "aria-label": "passo seguinte", texto: "▶|" }, caixa);
    const rotulo = el("label", { class: "convaula-controle" }, caixa);
    el("span", { class: "nome", texto: c.rotulo_passo || "posição" }, rotulo);
    this.deslizador = el("input", { type: "range", name: "posicao", min: 0, max: this.total - 1, value: 0,
      "aria-label": c.rotulo_passo || "posição" }, rotulo);
    this.leitura = el("output", { texto: "0" }, rotulo);
    anterior.addEventListener("click", () => this.escolher(this.atual - 1));
    seguinte.addEventListener("click", () => this.escolher(this.atual + 1));
    this.deslizador.addEventListener("input", () => this.escolher(Number(this.deslizador.value)));
    this.play.addEventListener("click", () => this.tocar());
  }

  tocar() {
    if (this.tocando) { clearInterval(this.tocando); this.tocando = null; this.play.textContent = "▶ tocar"; return; }
    this.play.textContent = "⏸ parar";
    this.tocando = setInterval(() => {
      if (!this.raiz.isConnected) return clearInterval(this.tocando);
      this.escolher((this.atual + 1) % this.total);
    }, this.cena.intervalo_ms || 500);
  }

  tecla(ev) {
    const c = this.cena, passo = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: c.colunas_passo || 1,
      ArrowUp: -(c.colunas_passo || 1), Home: -this.total, End: this.total }[ev.key];
    if (passo === undefined) return;
    ev.preventDefault();
    if (c.lupa) return this.moverLupa(ev.key);
    this.escolher(Math.max(0, Math.min(this.total - 1, this.atual + passo)));
  }

  get indice() { return (this._indice = this._indice || this.inverso()); }

  inverso() {
    // célula de cada painel → [(passo, posição na lista)]: quem lê cada célula
    const mapa = {};
    (this.cena.passos || []).forEach((passo, t) => {
      for (const [id, lista] of Object.entries(passo)) {
        const m = (mapa[id] = mapa[id] || new Map());
        lista.forEach((k, pos) => { if (!m.has(k)) m.set(k, []); m.get(k).push([t, pos]); });
      }
    });
    return mapa;
  }

  escolher(t) { this.fixo = Math.max(0, Math.min(this.total - 1, t)); this.mostrar(this.fixo); }

  mostrar(t) {
    // o passo t: as células que ele acende em cada painel e a sua conta
    const c = this.cena;
    this.atual = t;
    if (this.deslizador) { this.deslizador.value = t; this.leitura.textContent = t; }
    if (c.lupa) return this.mostrarLupa(this.pixel ?? c.pixel);
    const passo = (c.passos || [])[t] || {};
    for (const [id, painel] of Object.entries(this.paineis)) {
      const marcas = new Map(), lista = passo[id] || [];
      // um painel todo aceso (o núcleo inteiro em todo passo) fica com as suas cores
      if (lista.length < painel.d.linhas * painel.d.colunas || this.ePasso(id))
        for (const k of lista) marcas.set(k, this.ePasso(id) ? "atual" : "janela");
      painel.marcar(marcas);
    }
    this.texto.textContent = (c.textos_passos || [])[t] || this.conta(t) || c.texto || "";
  }

  conta(t) {
    // "y[i, j] = w·x + ... = y": os textos já formatados pelo Python, só juntados aqui
    const c = this.cena, conta = c.conta;
    if (!conta || !c.passos[t]) return "";
    const alvo = this.paineis[conta.alvo].d, pesos = this.paineis[conta.pesos].d.textos;
    const valores = this.paineis[conta.valores].d.textos, passo = c.passos[t];
    const i = Math.floor(t / alvo.colunas), j = t % alvo.colunas;
    const termos = passo[conta.pesos].map((m, pos) => `${pesos[m]}·${valores[passo[conta.valores][pos]]}`);
    const nome = conta.dims === 1 ? `${conta.nome}[${j}]` : `${conta.nome}[${i}, ${j}]`;
    return `${nome} = ${termos.join(" + ")} = ${alvo.textos[t]}`;
  }

  sobre(id, k) {
    const c = this.cena;
    if (c.lupa) { if (id !== "nucleo") this.mostrarLupa(k); return; }
    if (this.ePasso(id)) {
      const quem = this.indice[id] && this.indice[id].get(k);
      if (quem) this.mostrar(quem[0][0]);
      return;
    }
    const quem = (this.indice[id] && this.indice[id].get(k)) || [];
    const marcas = {};
    for (const painel of Object.keys(this.paineis)) marcas[painel] = new Map();
    marcas[id].set(k, "peso");
    for (const [t, pos] of quem) {
      const passo = c.passos[t];
      for (const [outro, lista] of Object.entries(passo)) {
        if (outro === id) continue;
        if (this.ePasso(outro)) marcas[outro].set(lista[0], "leitora");
        else if (lista.length === passo[id].length) marcas[outro].set(lista[pos], "peso");
      }
    }
    for (const [painel, m] of Object.entries(marcas)) this.paineis[painel].marcar(m);
    const [r, q] = [Math.floor(k / this.paineis[id].d.colunas), k % this.paineis[id].d.colunas];
    const rotulo = (c.rotulos_celulas || {})[id] || this.paineis[id].d.rotulo;
    const frase = (c.frases || {})[id];
    this.texto.textContent = frase && quem.length
      ? frase.replace("{r}", r).replace("{q}", q).replace("{n}", quem.length)
      : (quem.length
      ? `${rotulo}[${r}, ${q}] entra em ${quem.length} ${quem.length === 1 ? "saída" : "saídas"} (acesas)`
      : `${rotulo}[${r}, ${q}] não entra em nenhuma saída`);
  }

  clicar(id, k) {
    const c = this.cena;
    if (c.lupa) { this.pixel = k; this.mostrarLupa(k); return; }
    const quem = this.indice[id] && this.indice[id].get(k);
    if (this.ePasso(id) && quem) this.escolher(quem[0][0]);
  }

  sair() {
    const c = this.cena;
    if (c.lupa) this.mostrarLupa(this.pixel ?? c.pixel);
    else this.mostrar(this.fixo ?? this.atual);
  }

  moverLupa(tecla) {
    const e = this.paineis.entrada.d, k = this.pixel ?? this.cena.pixel;
    let i = Math.floor(k / e.colunas), j = k % e.colunas;
    if (tecla === "ArrowRight") j = Math.min(e.colunas - 1, j + 1);
    if (tecla === "ArrowLeft") j = Math.max(0, j - 1);
    if (tecla === "ArrowDown") i = Math.min(e.linhas - 1, i + 1);
    if (tecla === "ArrowUp") i = Math.max(0, i - 1);
    this.pixel = i * e.colunas + j;
    this.mostrarLupa(this.pixel);
  }

  mostrarLupa(k) {
    // laboratório de núcleos: a vizinhança 3×3 do pixel ampliada, com os valores, e os 9 produtos
    const c = this.cena, entrada = this.paineis.entrada, saida = this.paineis.saida, w = c.nucleo;
    const L = entrada.d.linhas, C = entrada.d.colunas, i = Math.floor(k / C), j = k % C;
    const janela = new Map();
    for (let a = -1; a <= 1; a++) for (let b = -1; b <= 1; b++) {
      const r = i + a, q = j + b;
      if (r >= 0 && r < L && q >= 0 && q < C) janela.set(r * C + q, "janela");
    }
    entrada.marcar(janela);
    saida.marcar(new Map([[k, "atual"]]));
    const lupa = this.lupa;
    lupa.replaceChildren();
    el("div", { class: "titulo", texto: `vizinhança 3×3 do pixel (${i}, ${j}) ampliada` }, lupa);
    const grade = el("div", { class: "grade" }, lupa);
    const termos = [];
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) {
      const r = i + a - 1, q = j + b - 1, dentro = r >= 0 && r < L && q >= 0 && q < C;
      const x = dentro ? entrada.valores[r * C + q] : 0, peso = w[3 * a + b];
      const [vmin, vmax] = entrada.faixa, cinza = Math.round(255 * Math.max(0, Math.min(1, (x - vmin) / (vmax - vmin))));
      const celula = el("div", { class: dentro ? "" : "fora", style: `background:rgb(${cinza},${cinza},${cinza});` +
        `color:${cinza > 110 ? "#000" : "#fff"}` }, grade);
      el("b", { texto: x.toFixed(3) }, celula);
      el("span", { texto: `× ${fmt(peso)}` }, celula);
      termos.push(`${fmt(peso)}·${x.toFixed(3)}`);
    }
    const y = saida.valores[k];
    el("div", { class: "conta", texto: `saída[${i}, ${j}] = ${termos.join(" + ")} = ${y.toFixed(3)}` }, lupa);
    this.texto.textContent = `pixel (${i}, ${j}): entrada ${entrada.valores[k].toFixed(3)}, saída ${y.toFixed(3)}` +
      (this.contraste ? " (contraste por imagem)" : " (mesma escala na entrada e na saída)");
  }
}

function render({ model, el: destino }) {
  const vista = new Vista(model, destino, Boolean(model.site));
  return () => { if (vista.tocando) clearInterval(vista.tocando); };
}

export { render, Vista };
export default { render };
