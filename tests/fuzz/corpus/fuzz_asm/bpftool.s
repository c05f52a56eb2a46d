   0: (b7) r0 = 0
       b7 00 00 00 00 00 00 00
   1: (18) r1 = map[id:3]
   3: (85) call bpf_map_lookup_elem#1
   4: (95) exit
