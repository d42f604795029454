// Queue: resident alerts; lost-connection mark; slip printing (the board's sound and clock: board_voice.js).
(function(d,w){var x,L={},q=function(s){return d.querySelector(s)},E=d.addEventListener.bind(d)
function tone(){try{x=x||new AudioContext}catch(e){return}[880,660].forEach(function(h,i){var o=x.createOscillator(),g=x.createGain(),t=x.currentTime+i/2
o.frequency.value=h;g.gain.setValueAtTime(.3,t);g.gain.exponentialRampToValueAtTime(.001,t+.9);o.connect(g);g.connect(x.destination);o.start(t);o.stop(t+.9)})}
function check(){var t=q("#ticket"),v
if(t){v=t.dataset.state;if(L.t&&v!=L.t&&v=="called"){navigator.vibrate&&navigator.vibrate([400,200,400]);tone()}L.t=v}}
function off(v){var m=q("[data-offline]");if(m)m.hidden=!v}
E("htmx:afterSwap",check);E("htmx:sendError",function(){off(1)});E("htmx:responseError",function(){off(1)})
E("htmx:afterRequest",function(e){e.detail.successful&&off()})
E("DOMContentLoaded",function(){var p=q("[data-print]");check()
if(p){p.hidden=0;p.onclick=function(){w.print()}}q("[data-autoprint]")&&w.print()})})(document,window)
